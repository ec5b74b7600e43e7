import {
  emptyInventory,
  type AwsAuthMapping,
  type ClusterRole,
  type ClusterRoleBinding,
  type Inventory,
  type LabelSelector,
  type LabelSelectorOperator,
  type LabelSelectorRequirement,
  type Namespace,
  type NetworkPolicy,
  type NodeInfo,
  type ObjectMeta,
  type PolicyRule,
  type Role,
  type RoleBinding,
  type RoleRef,
  type SecretMeta,
  type ServiceAccount,
  type SourceLocation,
  type SubjectRef,
  type WebhookConfiguration,
  type Workload,
  type WorkloadKind,
} from "@/lib/k8s/types";
import { parseAwsAuth } from "./aws-auth";
import { describeObject, type InputError } from "./errors";
import { effectiveAutomount, summarizePodSpec } from "./pod-security";

/**
 * Turns raw Kubernetes objects (parsed manifests or API list items) into Palisade's normalized Inventory.
 *
 * Usage: `const b = new InventoryBuilder(); b.add(obj, { file, line }); ...; const inv = b.build();`
 * `add` accepts single objects and List kinds (`v1/List`, `RoleList`, `PartialObjectMetadataList`, ...) and returns the
 * errors for what it skipped; non-fatal notes (defaulted namespaces, duplicates) accumulate in `warnings`.
 * Secret `data`/`stringData` are never read: only metadata and `type` are kept.
 */

export interface AddOptions {
  /**
   * apiVersion/kind to assume for objects that do not say what they are: items of a typed list without
   * apiVersion/kind, and `meta.k8s.io/v1 PartialObjectMetadata` items (e.g. `{ apiVersion: "v1", kind: "Secret" }` when
   * secrets were listed as metadata only).
   */
  assumeKind?: { apiVersion: string; kind: string };
  /**
   * Source of the i-th item when `raw` is a List (defaults to the list's own source). Called for every item (it becomes
   * `metadata.source`), so it must be cheap.
   */
  itemSource?: (index: number) => SourceLocation;
  /**
   * Exact location of the i-th List item for errors and warnings (defaults to `itemSource`). Called only when there is
   * something to report, so it may be expensive (e.g. scanning a large JSON text for item offsets).
   */
  locateItem?: (index: number) => SourceLocation;
}

type Obj = Record<string, unknown>;

const RBAC_GROUP = "rbac.authorization.k8s.io";

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Raised inside one object's normalization; caught by `add`, which reports it and skips the object. */
class Invalid extends Error {}

/** Per-object context: where it came from and how to name it in messages. */
class ObjectContext {
  constructor(
    /** Recorded as metadata.source. */
    readonly source: SourceLocation,
    readonly kind: string,
    public name?: string,
    /** Precise location for messages, computed on demand. */
    private readonly locate?: () => SourceLocation,
  ) {}
  namespace?: string;
  describe(): string {
    return describeObject(this.kind, this.name, this.namespace);
  }
  problem(message: string): InputError {
    const at = this.locate ? this.locate() : this.source;
    const e: InputError = { file: at.file ?? "<input>", message, object: this.describe() };
    if (at.line !== undefined) e.line = at.line;
    return e;
  }
}

interface PendingWorkload {
  workload: Omit<Workload, "security"> & { security: Omit<Workload["security"], "automountServiceAccountToken"> };
  podAutomount?: boolean;
}

/** The group part of an apiVersion: `rbac.authorization.k8s.io/v1` → `rbac.authorization.k8s.io`, `v1` → `""`. */
function apiGroup(apiVersion: string): string {
  const i = apiVersion.indexOf("/");
  return i < 0 ? "" : apiVersion.slice(0, i);
}

const WORKLOAD_GROUPS: Record<WorkloadKind, readonly string[]> = {
  Pod: [""],
  ReplicationController: [""],
  Deployment: ["apps", "extensions"],
  ReplicaSet: ["apps", "extensions"],
  DaemonSet: ["apps", "extensions"],
  StatefulSet: ["apps"],
  Job: ["batch"],
  CronJob: ["batch"],
};

export class InventoryBuilder {
  /** Non-fatal notes: defaulted namespaces, duplicate objects replaced, ignored aws-auth keys. */
  readonly warnings: InputError[] = [];
  /** Objects seen (List items counted individually; Lists themselves not counted). */
  objects = 0;

  private readonly namespaces = new Map<string, Namespace>();
  private readonly serviceAccounts = new Map<string, ServiceAccount>();
  private readonly roles = new Map<string, Role>();
  private readonly clusterRoles = new Map<string, ClusterRole>();
  private readonly roleBindings = new Map<string, RoleBinding>();
  private readonly clusterRoleBindings = new Map<string, ClusterRoleBinding>();
  private readonly workloads = new Map<string, PendingWorkload>();
  private readonly secrets = new Map<string, SecretMeta>();
  private readonly nodes = new Map<string, NodeInfo>();
  private readonly networkPolicies = new Map<string, NetworkPolicy>();
  private readonly webhooks = new Map<string, WebhookConfiguration>();
  private awsAuth: AwsAuthMapping[] = [];
  private readonly ignoredKinds: Record<string, number> = {};

  /**
   * Adds one raw object or List. Returns the errors of objects that were skipped (each names file, line and object);
   * the rest of the input is still added.
   */
  add(raw: unknown, source: SourceLocation, opts: AddOptions = {}): InputError[] {
    const errors: InputError[] = [];
    this.addOne(raw, source, opts, errors);
    return errors;
  }

  private addOne(
    raw: unknown,
    source: SourceLocation,
    opts: AddOptions,
    errors: InputError[],
    locate?: () => SourceLocation,
  ): void {
    if (raw === null || raw === undefined) return; // empty YAML document
    if (!isObj(raw)) {
      errors.push(new ObjectContext(source, "object", undefined, locate).problem(`expected a Kubernetes object (a mapping), got ${describeValue(raw)}`));
      return;
    }
    let kind = raw.kind;
    let apiVersion = raw.apiVersion;
    if (opts.assumeKind && (kind === undefined || kind === "PartialObjectMetadata")) {
      kind = opts.assumeKind.kind;
      apiVersion = opts.assumeKind.apiVersion;
    } else if (apiVersion === undefined && opts.assumeKind && kind === opts.assumeKind.kind) {
      apiVersion = opts.assumeKind.apiVersion;
    }
    const metaName = isObj(raw.metadata) && typeof raw.metadata.name === "string" ? raw.metadata.name : undefined;
    if (typeof kind !== "string" || kind === "") {
      const ctx = new ObjectContext(source, "object", metaName, locate);
      errors.push(ctx.problem(kind === undefined ? "object has no 'kind'" : `'kind' must be a non-empty string, got ${describeValue(kind)}`));
      return;
    }

    // Lists: `v1/List` (kubectl get -o json/yaml with several kinds), typed lists (`RoleList`, `PartialObjectMetadataList`).
    if (kind.endsWith("List") && ("items" in raw || kind === "List")) {
      const items = raw.items;
      if (items === null || items === undefined) return; // Go marshals an empty slice as null
      if (!Array.isArray(items)) {
        errors.push(new ObjectContext(source, kind, metaName, locate).problem("'items' must be a list"));
        return;
      }
      const listApiVersion = typeof apiVersion === "string" ? apiVersion : undefined;
      let itemKind = opts.assumeKind;
      if (!itemKind && kind !== "List" && listApiVersion !== undefined && kind !== "PartialObjectMetadataList") {
        itemKind = { apiVersion: listApiVersion, kind: kind.slice(0, -"List".length) };
      }
      const childOpts: AddOptions = itemKind ? { assumeKind: itemKind } : {};
      for (let i = 0; i < items.length; i++) {
        const itemSource = opts.itemSource ? opts.itemSource(i) : source;
        const locateItem = opts.locateItem;
        this.addOne(items[i], itemSource, childOpts, errors, locateItem ? () => locateItem(i) : undefined);
      }
      return;
    }

    this.objects++;
    if (typeof apiVersion !== "string" || apiVersion === "") {
      errors.push(new ObjectContext(source, kind, metaName, locate).problem("object has no 'apiVersion'"));
      return;
    }
    const ctx = new ObjectContext(source, kind, metaName, locate);
    try {
      this.dispatch(raw, apiVersion, kind, ctx);
    } catch (e) {
      if (e instanceof Invalid) errors.push(ctx.problem(e.message));
      else throw e;
    }
  }

  private ignore(apiVersion: string, kind: string): void {
    const key = `${apiVersion}/${kind}`;
    this.ignoredKinds[key] = (this.ignoredKinds[key] ?? 0) + 1;
  }

  private dispatch(raw: Obj, apiVersion: string, kind: string, ctx: ObjectContext): void {
    const group = apiGroup(apiVersion);
    if (group === RBAC_GROUP) {
      switch (kind) {
        case "Role":
          return this.put(this.roles, ctx, this.role(raw, ctx));
        case "ClusterRole":
          return this.put(this.clusterRoles, ctx, this.clusterRole(raw, ctx));
        case "RoleBinding":
          return this.put(this.roleBindings, ctx, this.roleBinding(raw, ctx, apiVersion));
        case "ClusterRoleBinding":
          return this.put(this.clusterRoleBindings, ctx, this.clusterRoleBinding(raw, ctx, apiVersion));
      }
    }
    if ((WORKLOAD_GROUPS as Record<string, readonly string[] | undefined>)[kind]?.includes(group)) {
      return this.putWorkload(this.workload(raw, ctx, kind as WorkloadKind), ctx);
    }
    if (group === "") {
      switch (kind) {
        case "Namespace":
          return this.put(this.namespaces, ctx, { kind: "Namespace", ...this.meta(raw, ctx) });
        case "ServiceAccount":
          return this.put(this.serviceAccounts, ctx, this.serviceAccount(raw, ctx));
        case "Secret":
          return this.put(this.secrets, ctx, this.secret(raw, ctx));
        case "Node":
          return this.put(this.nodes, ctx, this.node(raw, ctx));
        case "ConfigMap":
          if (this.configMap(raw, ctx)) return;
          break;
      }
    }
    if (kind === "NetworkPolicy" && (group === "networking.k8s.io" || group === "extensions")) {
      return this.put(this.networkPolicies, ctx, this.networkPolicy(raw, ctx));
    }
    if (group === "admissionregistration.k8s.io" && (kind === "ValidatingWebhookConfiguration" || kind === "MutatingWebhookConfiguration")) {
      const meta = this.meta(raw, ctx);
      const webhookNames = (Array.isArray(raw.webhooks) ? raw.webhooks : [])
        .map((w) => (isObj(w) && typeof w.name === "string" ? w.name : undefined))
        .filter((n): n is string => n !== undefined);
      return this.put(this.webhooks, ctx, { kind, ...meta, webhookNames });
    }
    this.ignore(apiVersion, kind);
  }

  /** Stores an object under kind/namespace/name; a later definition replaces an earlier one, as `kubectl apply` would. */
  private put<T extends ObjectMeta & { kind: string }>(map: Map<string, T>, ctx: ObjectContext, obj: T): void {
    const ns = (obj as { namespace?: string }).namespace;
    const key = ns === undefined ? `${obj.kind}/${obj.name}` : `${obj.kind}/${ns}/${obj.name}`;
    const prev = map.get(key);
    if (prev) this.warnDuplicate(ctx, prev.source);
    map.set(key, obj);
  }

  private putWorkload(p: PendingWorkload, ctx: ObjectContext): void {
    const w = p.workload;
    const key = `${w.kind}/${w.namespace}/${w.name}`;
    const prev = this.workloads.get(key);
    if (prev) this.warnDuplicate(ctx, prev.workload.source);
    this.workloads.set(key, p);
  }

  private warnDuplicate(ctx: ObjectContext, prev: SourceLocation | undefined): void {
    const where = prev?.file ? ` (first defined at ${prev.file}${prev.line !== undefined ? `:${prev.line}` : ""})` : "";
    this.warnings.push(ctx.problem(`duplicate object${where}; the later definition replaces the earlier one, as kubectl apply would`));
  }

  // ---- metadata ---------------------------------------------------------------------------------------------------

  private meta(raw: Obj, ctx: ObjectContext): ObjectMeta {
    const m = raw.metadata;
    if (!isObj(m)) throw new Invalid("metadata is required (metadata.name)");
    const name = m.name;
    if (typeof name !== "string" || name === "") {
      throw new Invalid(
        typeof m.generateName === "string"
          ? `metadata.name is required (metadata.generateName '${m.generateName}' is only resolved by the API server at creation)`
          : "metadata.name is required",
      );
    }
    ctx.name = name;
    const meta: ObjectMeta = {
      name,
      labels: stringMap(m.labels, "metadata.labels"),
      annotations: stringMap(m.annotations, "metadata.annotations"),
    };
    if (typeof m.uid === "string") meta.uid = m.uid;
    if (typeof m.creationTimestamp === "string") meta.creationTimestamp = m.creationTimestamp;
    if (ctx.source.file !== undefined || ctx.source.line !== undefined) meta.source = ctx.source;
    return meta;
  }

  /**
   * Metadata of a namespaced object. A manifest without metadata.namespace is created by `kubectl apply -f` in the
   * current context's namespace, which is `default` unless the kubeconfig says otherwise
   * (k8s.io/cli-runtime resource.Builder `DefaultNamespace()` fills in the namespace from the kubeconfig context).
   * We assume `default` and say so in a warning.
   */
  private namespacedMeta(raw: Obj, ctx: ObjectContext): ObjectMeta & { namespace: string } {
    const meta = this.meta(raw, ctx);
    const ns = (raw.metadata as Obj).namespace;
    if (ns !== undefined && ns !== null && typeof ns !== "string") throw new Invalid("metadata.namespace must be a string");
    if (typeof ns === "string" && ns !== "") {
      ctx.namespace = ns;
      return { ...meta, namespace: ns };
    }
    ctx.namespace = "default";
    this.warnings.push(
      ctx.problem("no metadata.namespace: assuming 'default' (kubectl apply would use the current context's namespace)"),
    );
    return { ...meta, namespace: "default" };
  }

  // ---- RBAC -------------------------------------------------------------------------------------------------------

  private role(raw: Obj, ctx: ObjectContext): Role {
    const meta = this.namespacedMeta(raw, ctx);
    return { kind: "Role", ...meta, rules: rules(raw.rules) };
  }

  private clusterRole(raw: Obj, ctx: ObjectContext): ClusterRole {
    const meta = this.meta(raw, ctx);
    const role: ClusterRole = { kind: "ClusterRole", ...meta, rules: rules(raw.rules) };
    const agg = raw.aggregationRule;
    if (agg !== undefined && agg !== null) {
      if (!isObj(agg)) throw new Invalid("aggregationRule must be a mapping");
      const sel = agg.clusterRoleSelectors;
      if (sel !== undefined && sel !== null && !Array.isArray(sel)) throw new Invalid("aggregationRule.clusterRoleSelectors must be a list");
      role.aggregationRule = {
        clusterRoleSelectors: (sel ?? []).map((s, i) => labelSelector(s, `aggregationRule.clusterRoleSelectors[${i}]`)),
      };
    }
    return role;
  }

  private roleBinding(raw: Obj, ctx: ObjectContext, apiVersion: string): RoleBinding {
    const meta = this.namespacedMeta(raw, ctx);
    const ref = roleRef(raw.roleRef, false);
    return { kind: "RoleBinding", ...meta, roleRef: ref, subjects: subjects(raw.subjects, meta.namespace, apiVersion) };
  }

  private clusterRoleBinding(raw: Obj, ctx: ObjectContext, apiVersion: string): ClusterRoleBinding {
    const meta = this.meta(raw, ctx);
    const ref = roleRef(raw.roleRef, true);
    return { kind: "ClusterRoleBinding", ...meta, roleRef: ref, subjects: subjects(raw.subjects, undefined, apiVersion) };
  }

  private serviceAccount(raw: Obj, ctx: ObjectContext): ServiceAccount {
    const meta = this.namespacedMeta(raw, ctx);
    const sa: ServiceAccount = {
      kind: "ServiceAccount",
      ...meta,
      secrets: refNames(raw.secrets),
      imagePullSecrets: refNames(raw.imagePullSecrets),
    };
    if (typeof raw.automountServiceAccountToken === "boolean") sa.automountServiceAccountToken = raw.automountServiceAccountToken;
    return sa;
  }

  // ---- workloads --------------------------------------------------------------------------------------------------

  private workload(raw: Obj, ctx: ObjectContext, kind: WorkloadKind): PendingWorkload {
    const meta = this.namespacedMeta(raw, ctx);
    const spec = podSpecOf(raw, kind);
    const serviceAccountName =
      (typeof spec.serviceAccountName === "string" && spec.serviceAccountName) ||
      // Deprecated alias, still honoured by the API server when serviceAccountName is empty.
      (typeof spec.serviceAccount === "string" && spec.serviceAccount) ||
      "default";
    const w: PendingWorkload["workload"] = { kind, ...meta, serviceAccountName, security: summarizePodSpec(spec) };
    const owner = controllerOwner(raw.metadata as Obj);
    if (owner) w.owner = owner;
    if (typeof spec.nodeName === "string" && spec.nodeName !== "") w.nodeName = spec.nodeName;
    const p: PendingWorkload = { workload: w };
    if (typeof spec.automountServiceAccountToken === "boolean") p.podAutomount = spec.automountServiceAccountToken;
    return p;
  }

  // ---- other kinds ------------------------------------------------------------------------------------------------

  /** Secret metadata only: `data` and `stringData` are never read; the last-applied annotation (which embeds them) is dropped. */
  private secret(raw: Obj, ctx: ObjectContext): SecretMeta {
    const meta = this.namespacedMeta(raw, ctx);
    delete meta.annotations[LAST_APPLIED];
    const s: SecretMeta = { kind: "Secret", ...meta };
    if (typeof raw.type === "string" && raw.type !== "") s.type = raw.type;
    return s;
  }

  private node(raw: Obj, ctx: ObjectContext): NodeInfo {
    const meta = this.meta(raw, ctx);
    const spec = isObj(raw.spec) ? raw.spec : {};
    const taints: NodeInfo["taints"] = [];
    for (const t of Array.isArray(spec.taints) ? spec.taints : []) {
      if (!isObj(t) || typeof t.key !== "string" || typeof t.effect !== "string") continue;
      const taint: NodeInfo["taints"][number] = { key: t.key, effect: t.effect };
      if (typeof t.value === "string") taint.value = t.value;
      taints.push(taint);
    }
    return { kind: "Node", ...meta, taints };
  }

  private networkPolicy(raw: Obj, ctx: ObjectContext): NetworkPolicy {
    const meta = this.namespacedMeta(raw, ctx);
    const spec = isObj(raw.spec) ? raw.spec : {};
    const podSelector = labelSelector(spec.podSelector ?? {}, "spec.podSelector");
    let policyTypes: string[];
    if (Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0) {
      policyTypes = spec.policyTypes.filter((t): t is string => typeof t === "string");
    } else {
      // networking/v1 defaulting: "If this field is not specified, it will default based on the existence of ingress
      // or egress rules": Ingress always, Egress when egress rules are present.
      policyTypes = ["Ingress"];
      if (Array.isArray(spec.egress) && spec.egress.length > 0) policyTypes.push("Egress");
    }
    return { kind: "NetworkPolicy", ...meta, podSelector, policyTypes };
  }

  /** kube-system/aws-auth is modelled; other ConfigMaps are not (returns false so they are counted as ignored). */
  private configMap(raw: Obj, ctx: ObjectContext): boolean {
    const m = isObj(raw.metadata) ? raw.metadata : {};
    if (m.name !== "aws-auth" || m.namespace !== "kube-system") return false;
    ctx.name = "aws-auth";
    ctx.namespace = "kube-system";
    const { mappings, problems } = parseAwsAuth(raw.data);
    const errors = problems.filter((p) => p.severity === "error");
    for (const p of problems) if (p.severity === "warning") this.warnings.push(ctx.problem(p.message));
    if (this.awsAuthSource) this.warnDuplicate(ctx, this.awsAuthSource);
    this.awsAuthSource = ctx.source;
    this.awsAuth = mappings;
    if (errors.length > 0) throw new Invalid(errors.map((e) => e.message).join("; "));
    return true;
  }
  private awsAuthSource?: SourceLocation;

  /** The normalized inventory. Token automount is resolved here, once every ServiceAccount is known. */
  build(): Inventory {
    const inv = emptyInventory();
    inv.namespaces = [...this.namespaces.values()];
    inv.serviceAccounts = [...this.serviceAccounts.values()];
    inv.roles = [...this.roles.values()];
    inv.clusterRoles = [...this.clusterRoles.values()];
    inv.roleBindings = [...this.roleBindings.values()];
    inv.clusterRoleBindings = [...this.clusterRoleBindings.values()];
    inv.workloads = [...this.workloads.values()].map(({ workload, podAutomount }) => {
      const sa = this.serviceAccounts.get(`ServiceAccount/${workload.namespace}/${workload.serviceAccountName}`);
      const automountServiceAccountToken = effectiveAutomount(podAutomount, sa?.automountServiceAccountToken);
      return { ...workload, security: { ...workload.security, automountServiceAccountToken } } as Workload;
    });
    inv.secrets = [...this.secrets.values()];
    inv.nodes = [...this.nodes.values()];
    inv.networkPolicies = [...this.networkPolicies.values()];
    inv.webhookConfigurations = [...this.webhooks.values()];
    inv.awsAuth = [...this.awsAuth];
    inv.ignoredKinds = { ...this.ignoredKinds };
    return inv;
  }
}

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

// ---- field readers (throw Invalid on malformed required fields) -------------------------------------------------------

function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "string") return `a string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
  return `${typeof v === "object" ? "a mapping" : `a ${typeof v}`}`;
}

/** labels/annotations: string values kept as-is; numbers/booleans (unquoted YAML scalars) are stringified. */
function stringMap(v: unknown, field: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (v === undefined || v === null) return out;
  if (!isObj(v)) throw new Invalid(`${field} must be a mapping`);
  for (const k in v) {
    const x = v[k];
    if (typeof x === "string") out[k] = x;
    else if (typeof x === "number" || typeof x === "boolean") out[k] = String(x);
    else if (x !== null && x !== undefined) throw new Invalid(`${field}.${k} must be a string`);
  }
  return out;
}

function stringList(v: unknown, field: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new Invalid(`${field} must be a list of strings, got ${describeValue(v)}`);
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== "string") throw new Invalid(`${field}[${i}] must be a string, got ${describeValue(v[i])}`);
  }
  return v as string[];
}

/** PolicyRules; absent lists become []. Strings are kept exactly (the authorizer compares case-sensitively). */
function rules(v: unknown): PolicyRule[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new Invalid(`rules must be a list, got ${describeValue(v)}`);
  return v.map((r, i) => {
    if (!isObj(r)) throw new Invalid(`rules[${i}] must be a mapping, got ${describeValue(r)}`);
    return {
      verbs: stringList(r.verbs, `rules[${i}].verbs`),
      apiGroups: stringList(r.apiGroups, `rules[${i}].apiGroups`),
      resources: stringList(r.resources, `rules[${i}].resources`),
      resourceNames: stringList(r.resourceNames, `rules[${i}].resourceNames`),
      nonResourceURLs: stringList(r.nonResourceURLs, `rules[${i}].nonResourceURLs`),
    };
  });
}

const OPERATORS: readonly LabelSelectorOperator[] = ["In", "NotIn", "Exists", "DoesNotExist"];

function labelSelector(v: unknown, field: string): LabelSelector {
  if (!isObj(v)) throw new Invalid(`${field} must be a label selector mapping, got ${describeValue(v)}`);
  const matchLabels: Record<string, string> = {};
  if (v.matchLabels !== undefined && v.matchLabels !== null) {
    if (!isObj(v.matchLabels)) throw new Invalid(`${field}.matchLabels must be a mapping`);
    for (const k in v.matchLabels) {
      const x = v.matchLabels[k];
      if (typeof x === "string") matchLabels[k] = x;
      else if (typeof x === "number" || typeof x === "boolean") matchLabels[k] = String(x);
      else throw new Invalid(`${field}.matchLabels.${k} must be a string`);
    }
  }
  const matchExpressions: LabelSelectorRequirement[] = [];
  const exprs = v.matchExpressions;
  if (exprs !== undefined && exprs !== null) {
    if (!Array.isArray(exprs)) throw new Invalid(`${field}.matchExpressions must be a list`);
    exprs.forEach((e, i) => {
      const f = `${field}.matchExpressions[${i}]`;
      if (!isObj(e) || typeof e.key !== "string") throw new Invalid(`${f}.key is required`);
      if (!OPERATORS.includes(e.operator as LabelSelectorOperator)) {
        throw new Invalid(`${f}.operator must be one of ${OPERATORS.join(", ")}, got ${describeValue(e.operator)}`);
      }
      matchExpressions.push({ key: e.key, operator: e.operator as LabelSelectorOperator, values: stringList(e.values, `${f}.values`) });
    });
  }
  return { matchLabels, matchExpressions };
}

/**
 * roleRef: kind and name are required; apiGroup defaults to rbac.authorization.k8s.io (pkg/apis/rbac/v1/defaults.go
 * SetDefaults_RoleBinding/ClusterRoleBinding) and must be it (pkg/apis/rbac/validation ValidateRoleBinding).
 * A ClusterRoleBinding may only reference a ClusterRole.
 */
function roleRef(v: unknown, clusterBinding: boolean): RoleRef {
  if (v === undefined || v === null) throw new Invalid("roleRef is required");
  if (!isObj(v)) throw new Invalid(`roleRef must be a mapping, got ${describeValue(v)}`);
  const { kind, name } = v;
  const group = v.apiGroup === undefined || v.apiGroup === null || v.apiGroup === "" ? RBAC_GROUP : v.apiGroup;
  if (kind === undefined || kind === null || kind === "") throw new Invalid("roleRef.kind is required");
  if (kind !== "ClusterRole" && (clusterBinding || kind !== "Role")) {
    throw new Invalid(`roleRef.kind must be ${clusterBinding ? "ClusterRole" : "Role or ClusterRole"}, got ${describeValue(kind)}`);
  }
  if (typeof name !== "string" || name === "") throw new Invalid("roleRef.name is required");
  if (group !== RBAC_GROUP) throw new Invalid(`roleRef.apiGroup must be ${RBAC_GROUP}, got ${describeValue(group)}`);
  return { kind, name, apiGroup: RBAC_GROUP };
}

/**
 * Binding subjects. kind and name are required, kind is one of User, Group, ServiceAccount (case-sensitive, as the API
 * server validates it). A ServiceAccount subject needs a namespace in a ClusterRoleBinding; in a RoleBinding an empty
 * one means the binding's namespace: the RBAC authorizer's appliesToUser "default[s] the namespace to namespace we're
 * working in if its available. This allows rolebindings that reference SAs in the local namespace to avoid having to
 * qualify them" (plugin/pkg/auth/authorizer/rbac/rbac.go), so we resolve it here, once.
 */
function subjects(v: unknown, bindingNamespace: string | undefined, apiVersion: string): SubjectRef[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new Invalid(`subjects must be a list, got ${describeValue(v)}`);
  return v.map((s, i): SubjectRef => {
    const f = `subjects[${i}]`;
    if (!isObj(s)) throw new Invalid(`${f} must be a mapping, got ${describeValue(s)}`);
    const { kind, name } = s;
    if (kind === undefined || kind === null || kind === "") throw new Invalid(`${f}.kind is required`);
    if (kind !== "User" && kind !== "Group" && kind !== "ServiceAccount") {
      throw new Invalid(`${f}.kind must be User, Group or ServiceAccount, got ${describeValue(kind)}`);
    }
    if (typeof name !== "string" || name === "") throw new Invalid(`${f}.name is required`);
    // rbac v1/v1beta1 subjects carry apiGroup: "" for ServiceAccount, rbac.authorization.k8s.io for User/Group
    // (defaulted when empty). v1alpha1 used apiVersion instead, so only check it when present and non-empty.
    if (typeof s.apiGroup === "string" && s.apiGroup !== "" && !apiVersion.endsWith("v1alpha1")) {
      const expected = kind === "ServiceAccount" ? "" : RBAC_GROUP;
      if (s.apiGroup !== expected) {
        throw new Invalid(`${f}.apiGroup must be ${expected === "" ? "empty" : expected} for kind ${kind}, got ${describeValue(s.apiGroup)}`);
      }
    }
    if (kind !== "ServiceAccount") return { kind, name };
    const ns = typeof s.namespace === "string" && s.namespace !== "" ? s.namespace : bindingNamespace;
    if (ns === undefined) throw new Invalid(`${f}.namespace is required for a ServiceAccount subject of a ClusterRoleBinding`);
    return { kind, name, namespace: ns };
  });
}

/** `secrets` / `imagePullSecrets` of a ServiceAccount: object references by name. */
function refNames(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const r of v) if (isObj(r) && typeof r.name === "string") out.push(r.name);
  return out;
}

/** The pod spec a workload runs: a Pod's own, a controller's spec.template, a CronJob's spec.jobTemplate.spec.template. */
function podSpecOf(raw: Obj, kind: WorkloadKind): Obj {
  const spec = raw.spec;
  if (!isObj(spec)) throw new Invalid("spec is required");
  if (kind === "Pod") return spec;
  let holder: Obj = spec;
  let path = "spec";
  if (kind === "CronJob") {
    const jt = spec.jobTemplate;
    if (!isObj(jt) || !isObj(jt.spec)) throw new Invalid("spec.jobTemplate.spec is required");
    holder = jt.spec;
    path = "spec.jobTemplate.spec";
  }
  const tpl = holder.template;
  if (!isObj(tpl)) throw new Invalid(`${path}.template is required`);
  if (!isObj(tpl.spec)) throw new Invalid(`${path}.template.spec is required`);
  return tpl.spec;
}

/** The owner reference marked `controller: true` (at most one exists, per ObjectMeta validation). */
function controllerOwner(meta: Obj): { kind: string; name: string } | undefined {
  if (!Array.isArray(meta.ownerReferences)) return undefined;
  for (const r of meta.ownerReferences) {
    if (isObj(r) && r.controller === true && typeof r.kind === "string" && typeof r.name === "string") {
      return { kind: r.kind, name: r.name };
    }
  }
  return undefined;
}

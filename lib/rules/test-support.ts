/**
 * Typed builders for rule fixtures (lib/rules/fixtures/<rule-id>.ts). Test-only, pure.
 *
 * A fixture is a list of small inventories that must make the rule fire (`fires`) and near misses — one field changed —
 * that must not (`doesNotFire`). Cases are named after the binding shape that grants the rule
 * (`role-rolebinding`, `clusterrole-rolebinding`, `clusterrole-clusterrolebinding`) plus a suffix for the change.
 */
import type { AwsAuthMapping, ClusterRole, Inventory, PolicyRule, SubjectRef } from "@/lib/k8s/types";
import { emptyInventory } from "@/lib/k8s/types";
import { identityId } from "@/lib/rbac";
import { clusterRole, clusterRoleBinding, role, roleBinding, rule, serviceAccount, user, group, sa, urlRule } from "@/lib/rbac/testing";
import type { IdentityId } from "@/lib/rbac/types";
import type { Severity } from "./types";

export { rule, urlRule, user, group, sa, clusterRole, role, roleBinding, clusterRoleBinding, serviceAccount };

export type BindingShape = "role-rolebinding" | "clusterrole-rolebinding" | "clusterrole-clusterrolebinding";
export const SHAPES: readonly BindingShape[] = ["role-rolebinding", "clusterrole-rolebinding", "clusterrole-clusterrolebinding"];

export interface RuleCase {
  name: string;
  inventory: Inventory;
  /** The identity the finding is (or is not) about; omit for cluster rules. */
  identity?: IdentityId;
  /** fires: expected severity of the finding. */
  severity?: Severity;
  /** fires: expected finding namespace (null = cluster-wide). */
  namespace?: string | null;
  /** fires: expected by-design verdict. */
  byDesign?: boolean;
  /** fires, cluster rules: expected object name. */
  object?: string;
}

export interface RuleFixture {
  fires: RuleCase[];
  doesNotFire: RuleCase[];
}

export const NS = "team-a";
export const ALICE: SubjectRef = user("alice");

/** A case name: the binding shape, optionally followed by `-<what changed>`. */
export type CaseName = BindingShape | `${BindingShape}-${string}`;

/** The binding shape a case name starts with. */
export function shapeOf(name: CaseName): BindingShape {
  const shape = SHAPES.find((s) => name === s || name.startsWith(`${s}-`));
  if (!shape) throw new Error(`case name "${name}" does not start with a binding shape`);
  return shape;
}

export interface GrantOptions {
  /** Binding subject; default User alice. */
  subject?: SubjectRef;
  /** RoleBinding namespace; default team-a. */
  namespace?: string;
  severity?: Severity;
  /** Expected finding namespace; default: null for ClusterRoleBindings, the RoleBinding's namespace otherwise. */
  findingNamespace?: string | null;
  /** Expected identity; default: the subject's. */
  identity?: IdentityId;
  byDesign?: boolean;
  /** Merged into the inventory (e.g. a second grant for combination rules). */
  extra?: Inventory;
}

/** The inventory for one binding shape granting `rules` to `subject`. Role/binding names encode the shape, so several merge. */
export function grantInventory(shape: BindingShape, rules: PolicyRule[], subject: SubjectRef = ALICE, namespace: string = NS, tag = "r"): Inventory {
  const inv = emptyInventory();
  const name = `${tag}-${shape}`;
  if (shape === "role-rolebinding") {
    inv.roles.push(role(namespace, name, rules));
    inv.roleBindings.push(roleBinding(namespace, name, { kind: "Role", name }, [subject]));
  } else if (shape === "clusterrole-rolebinding") {
    inv.clusterRoles.push(clusterRole(name, rules));
    inv.roleBindings.push(roleBinding(namespace, name, { kind: "ClusterRole", name }, [subject]));
  } else {
    inv.clusterRoles.push(clusterRole(name, rules));
    inv.clusterRoleBindings.push(clusterRoleBinding(name, { kind: "ClusterRole", name }, [subject]));
  }
  return inv;
}

/** Concatenates inventories (no de-duplication: give merged parts distinct names). */
export function merge(...parts: Inventory[]): Inventory {
  const out = emptyInventory();
  for (const p of parts) {
    out.namespaces.push(...p.namespaces);
    out.serviceAccounts.push(...p.serviceAccounts);
    out.roles.push(...p.roles);
    out.clusterRoles.push(...p.clusterRoles);
    out.roleBindings.push(...p.roleBindings);
    out.clusterRoleBindings.push(...p.clusterRoleBindings);
    out.workloads.push(...p.workloads);
    out.secrets.push(...p.secrets);
    out.nodes.push(...p.nodes);
    out.networkPolicies.push(...p.networkPolicies);
    out.webhookConfigurations.push(...p.webhookConfigurations);
    out.awsAuth.push(...p.awsAuth);
  }
  return out;
}

export function subjectId(subject: SubjectRef, bindingNamespace?: string): IdentityId {
  return identityId(subject.kind, subject.name, subject.kind === "ServiceAccount" ? (subject.namespace ?? bindingNamespace) : undefined);
}

/** One case: `rules` granted through the binding shape the case name starts with. */
export function granted(name: CaseName, rules: PolicyRule[], o: GrantOptions = {}): RuleCase {
  const shape = shapeOf(name);
  const namespace = o.namespace ?? NS;
  const subject = o.subject ?? ALICE;
  const inv = grantInventory(shape, rules, subject, namespace);
  const c: RuleCase = {
    name,
    inventory: o.extra ? merge(inv, o.extra) : inv,
    identity: o.identity ?? subjectId(subject, namespace),
    namespace: o.findingNamespace !== undefined ? o.findingNamespace : shape === "clusterrole-clusterrolebinding" ? null : namespace,
  };
  if (o.severity) c.severity = o.severity;
  if (o.byDesign !== undefined) c.byDesign = o.byDesign;
  return c;
}

/**
 * The three shapes with the expected severity of each (`null` = must not fire for that shape; the case then goes
 * to doesNotFire). Returns both lists so fixtures can spread them.
 */
export function byShape(rules: PolicyRule[], severities: Record<BindingShape, Severity | null>, o: Omit<GrantOptions, "severity"> = {}): RuleFixture {
  const fires: RuleCase[] = [];
  const doesNotFire: RuleCase[] = [];
  for (const shape of SHAPES) {
    const s = severities[shape];
    if (s === null) doesNotFire.push(granted(shape, rules, o));
    else fires.push(granted(shape, rules, { ...o, severity: s }));
  }
  return { fires, doesNotFire };
}

/** Concatenates fixtures' lists. */
export function fixture(...parts: Partial<RuleFixture>[]): RuleFixture {
  return { fires: parts.flatMap((p) => p.fires ?? []), doesNotFire: parts.flatMap((p) => p.doesNotFire ?? []) };
}

/** A cluster-rule case. */
export function clusterCase(name: string, inventory: Inventory, expect: Omit<RuleCase, "name" | "inventory"> = {}): RuleCase {
  return { name, inventory, ...expect };
}

export function withLabels(r: ClusterRole, labels: Record<string, string>): ClusterRole {
  return { ...r, labels: { ...r.labels, ...labels } };
}

export function awsAuthMapping(arn: string, groups: string[], username?: string): AwsAuthMapping {
  return { type: "role", arn, groups, ...(username ? { username } : {}) };
}

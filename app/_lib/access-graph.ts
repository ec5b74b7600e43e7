// Server-side only: builds one neighbourhood of the access graph from the store (GET /api/graph and the graph page).
import { identityId as makeIdentityId, SERVICE_ACCOUNTS_GROUP, SYSTEM_AUTHENTICATED, SYSTEM_UNAUTHENTICATED } from "@/lib/rbac/subjects";
import type { IdentityId, RoleRefResolved } from "@/lib/rbac/types";
import {
  listBindingsByRefs,
  listBindingsInNamespace,
  listBindingsOfRole,
  listFindingEvidence,
  listGraphIdentities,
  listRolesByRefs,
  listRolesInNamespace,
  listServiceAccountsInNamespace,
  namespaceOverview,
  type GraphIdentityRow,
} from "@/lib/store/graph";
import type { StoredBinding } from "@/lib/store";
import {
  AGGREGATE_EXPAND_LIMIT,
  bindingNodeId,
  bindingRole,
  GraphBuilder,
  identityNodeId,
  namespaceNodeId,
  parseFocus,
  RELATION_LIMIT,
  roleBindingsAggregateId,
  roleNodeId,
  serviceAccountsAggregateId,
  takeWithMore,
  type AccessGraph,
  type GraphFocus,
} from "@/lib/view/access-graph";

/** Most identities looked up to colour placeholder subjects, and whose findings colour bindings and roles. */
const DECORATE_LIMIT = 400;
const OVERVIEW_NAMESPACE_LIMIT = 800;

/** The neighbourhood of `focus` (a node id, see lib/schemas/graph.ts) in a snapshot; null when the focus does not exist. */
export async function loadAccessGraph(snapshotId: number, focus: string): Promise<AccessGraph | null> {
  const parsed = parseFocus(focus);
  if (!parsed) return null;
  const focusId = parsed.type === "overview" ? "overview" : focus;
  const b = new GraphBuilder(focusId);
  const found = await draw(b, snapshotId, parsed);
  if (!found) return null;
  await decorate(b, snapshotId);
  return b.build();
}

async function draw(b: GraphBuilder, snapshotId: number, f: GraphFocus): Promise<boolean> {
  switch (f.type) {
    case "overview":
      return drawOverview(b, snapshotId);
    case "identity":
      return drawIdentity(b, snapshotId, f.id);
    case "binding": {
      const [binding] = await listBindingsByRefs(snapshotId, [f.ref]);
      if (!binding) return false;
      await drawBindings(b, snapshotId, [binding], { subjectLimit: RELATION_LIMIT * 2 });
      return true;
    }
    case "role":
      return drawRole(b, snapshotId, f.ref);
    case "namespace":
      return drawNamespace(b, snapshotId, f.name);
    case "sa-in": {
      const sas = await listServiceAccountsInNamespace(snapshotId, f.namespace, { limit: AGGREGATE_EXPAND_LIMIT });
      if (sas.total === 0) return false;
      b.namespace(f.namespace);
      for (const sa of takeWithMore(b, sas.rows, sas.total, AGGREGATE_EXPAND_LIMIT, {
        id: `more:${serviceAccountsAggregateId(f.namespace)}`,
        label: (n) => `+${n} more service accounts`,
        href: `/identities?kind=ServiceAccount&namespace=${encodeURIComponent(f.namespace)}&builtIn=all`,
        from: namespaceNodeId(f.namespace),
      })) {
        b.identity(sa);
      }
      return true;
    }
    case "bindings-of": {
      const res = await listBindingsOfRole(snapshotId, f.role, { namespace: f.namespace, limit: AGGREGATE_EXPAND_LIMIT });
      if (res.total === 0) return false;
      await drawBindings(b, snapshotId, res.rows, { subjectLimit: RELATION_LIMIT });
      if (res.total > res.rows.length) b.more(`more:${roleBindingsAggregateId(f.role, f.namespace)}`, `+${res.total - res.rows.length} more bindings`);
      return true;
    }
    default:
      f satisfies never;
      return false;
  }
}

async function drawOverview(b: GraphBuilder, snapshotId: number): Promise<boolean> {
  const namespaces = await namespaceOverview(snapshotId);
  const drawn = takeWithMore(b, namespaces, namespaces.length, OVERVIEW_NAMESPACE_LIMIT, { id: "more:namespaces", label: (n) => `+${n} more namespaces` });
  for (const ns of drawn) b.namespace(ns.name, `${ns.serviceAccounts} service accounts · ${ns.roleBindings} RoleBindings`);
  b.note("Every namespace of the snapshot. Click one to see its bindings, roles and service accounts, or start from an identity.");
  return true;
}

async function drawIdentity(b: GraphBuilder, snapshotId: number, id: IdentityId): Promise<boolean> {
  const [me] = await listGraphIdentities(snapshotId, [id]);
  if (!me) return false;
  const meId = b.identity(me);
  // Its own bindings.
  const own = await listBindingsByRefs(snapshotId, me.bindingRefs.slice(0, RELATION_LIMIT));
  await drawBindings(b, snapshotId, own, { subjectLimit: 0 });
  for (const binding of own) b.edge(meId, bindingNodeId(binding), "subject-of");
  if (me.bindingRefs.length > RELATION_LIMIT) b.more(`more:bindings:${meId}`, `+${me.bindingRefs.length - RELATION_LIMIT} more bindings`, `/identities/${encodeURIComponent(me.id)}#bindings`);

  if (me.kind === "Group") {
    await drawGroupMembers(b, snapshotId, me);
    return true;
  }
  // Its groups (those bound somewhere, i.e. with an identity row) and, when few, the groups' bindings.
  const groups = await listGraphIdentities(snapshotId, me.groups.map((g) => makeIdentityId("Group", g)));
  const groupBindingRefs = groups.filter((g) => g.bindingRefs.length <= RELATION_LIMIT / 2).flatMap((g) => g.bindingRefs);
  const groupBindings = await listBindingsByRefs(snapshotId, groupBindingRefs);
  const byKey = new Map(groupBindings.map((gb) => [bindingNodeId(gb), gb]));
  await drawBindings(b, snapshotId, groupBindings, { subjectLimit: 0 });
  for (const g of groups) {
    const gid = b.identity(g);
    b.edge(meId, gid, "member-of");
    for (const ref of g.bindingRefs) if (byKey.has(bindingNodeId(ref))) b.edge(gid, bindingNodeId(ref), "subject-of");
  }
  return true;
}

async function drawGroupMembers(b: GraphBuilder, snapshotId: number, group: GraphIdentityRow): Promise<void> {
  const gid = identityNodeId(group.id);
  if (group.name === SERVICE_ACCOUNTS_GROUP) {
    const namespaces = (await namespaceOverview(snapshotId)).filter((n) => n.serviceAccounts > 0).sort((x, y) => y.serviceAccounts - x.serviceAccounts);
    for (const ns of takeWithMore(b, namespaces, namespaces.length, RELATION_LIMIT, { id: `more:members:${gid}`, label: (n) => `+${n} more namespaces`, from: gid, kind: "member-of" })) {
      b.edge(b.aggregate(serviceAccountsAggregateId(ns.name), `${ns.serviceAccounts} service accounts`, `in ${ns.name}`, ns.serviceAccounts), gid, "member-of");
    }
    return;
  }
  if (group.name.startsWith(`${SERVICE_ACCOUNTS_GROUP}:`)) {
    const ns = group.name.slice(SERVICE_ACCOUNTS_GROUP.length + 1);
    const sas = await listServiceAccountsInNamespace(snapshotId, ns, { limit: RELATION_LIMIT });
    if (sas.total <= RELATION_LIMIT) for (const sa of sas.rows) b.edge(b.identity(sa), gid, "member-of");
    else b.edge(b.aggregate(serviceAccountsAggregateId(ns), `${sas.total} service accounts`, `in ${ns}`, sas.total), gid, "member-of");
    return;
  }
  if (group.name === SYSTEM_AUTHENTICATED) {
    b.edge(b.more(`members:${gid}`, "Every authenticated user and service account", "/identities?builtIn=all"), gid, "member-of");
    return;
  }
  if (group.name === SYSTEM_UNAUTHENTICATED) {
    b.edge(b.more(`members:${gid}`, "Anonymous requests (system:anonymous)"), gid, "member-of");
    return;
  }
  b.note(`Members of ${group.name} come from the identity provider (or aws-auth); RBAC data does not list them.`);
}

async function drawRole(b: GraphBuilder, snapshotId: number, ref: RoleRefResolved): Promise<boolean> {
  const [[role], bindings] = await Promise.all([listRolesByRefs(snapshotId, [ref]), listBindingsOfRole(snapshotId, ref, { limit: RELATION_LIMIT })]);
  if (!role && bindings.total === 0) return false;
  const rid = role ? b.role(role) : b.role(ref);
  if (!role) b.note(`${ref.kind} ${ref.name} is referenced by bindings but not defined in this snapshot (a dangling roleRef).`);
  if (bindings.total <= RELATION_LIMIT) {
    await drawBindings(b, snapshotId, bindings.rows, { subjectLimit: RELATION_LIMIT });
    return true;
  }
  const byNs = [...bindings.byNamespace].sort((x, y) => y.count - x.count);
  for (const g of takeWithMore(b, byNs, byNs.length, RELATION_LIMIT, { id: `more:bindings-of:${rid}`, label: (n) => `+${n} more namespaces`, from: rid, kind: "grants" })) {
    const label = g.namespace === null ? `${g.count} ClusterRoleBindings` : `${g.count} RoleBinding${g.count === 1 ? "" : "s"}`;
    const agg = b.aggregate(roleBindingsAggregateId(ref, g.namespace ?? ""), label, g.namespace === null ? "cluster-wide" : `in ${g.namespace}`, g.count);
    b.edge(agg, rid, "grants");
  }
  b.note(`${bindings.total} bindings reference ${ref.kind} ${ref.name}; they are grouped by namespace — click a group to open it.`);
  return true;
}

async function drawNamespace(b: GraphBuilder, snapshotId: number, ns: string): Promise<boolean> {
  const [bindings, sas, roles] = await Promise.all([
    listBindingsInNamespace(snapshotId, ns, { limit: RELATION_LIMIT }),
    listServiceAccountsInNamespace(snapshotId, ns, { limit: RELATION_LIMIT }),
    listRolesInNamespace(snapshotId, ns, { limit: RELATION_LIMIT }),
  ]);
  const exists = bindings.total + sas.total + roles.total > 0 || (await namespaceOverview(snapshotId)).some((n) => n.name === ns);
  if (!exists) return false;
  const nid = b.namespace(ns);
  await drawBindings(b, snapshotId, bindings.rows, { subjectLimit: RELATION_LIMIT });
  if (bindings.total > bindings.rows.length) b.more(`more:bindings-in:${ns}`, `+${bindings.total - bindings.rows.length} more RoleBindings`);
  for (const r of roles.rows) b.role(r);
  if (roles.total > roles.rows.length) b.edge(b.more(`more:roles-in:${ns}`, `+${roles.total - roles.rows.length} more Roles`), nid, "in-namespace");
  if (sas.total <= RELATION_LIMIT) for (const sa of sas.rows) b.identity(sa);
  else b.edge(b.aggregate(serviceAccountsAggregateId(ns), `${sas.total} service accounts`, `in ${ns}`, sas.total), nid, "in-namespace");
  return true;
}

/** Bindings with their roles (and namespaces), and up to `subjectLimit` subjects each. */
async function drawBindings(b: GraphBuilder, snapshotId: number, bindings: readonly StoredBinding[], opts: { subjectLimit: number }): Promise<void> {
  if (!bindings.length) return;
  const roles = await listRolesByRefs(snapshotId, bindings.map((x) => bindingRole(x)));
  for (const r of roles) b.role(r);
  for (const binding of bindings) {
    const bid = b.binding(binding);
    if (opts.subjectLimit === 0) continue;
    const drawn = takeWithMore(b, binding.subjects, binding.subjects.length, opts.subjectLimit, {
      id: `more:subjects:${bid}`,
      label: (n) => `+${n} more subjects`,
      from: bid,
      kind: "subject-of",
    });
    for (const s of drawn) {
      const sid = b.subject(s, binding.namespace);
      if (sid) b.edge(sid, bid, "subject-of");
    }
  }
  const missing = roles.length < new Set(bindings.map((x) => roleNodeId(bindingRole(x)))).size;
  if (missing) b.note("Some bindings reference a role that does not exist in this snapshot (dangling roleRef): it grants nothing until someone creates it.");
}

/** Fills in placeholder subjects from their identity rows, then colours bindings and roles by the findings running through them. */
async function decorate(b: GraphBuilder, snapshotId: number): Promise<void> {
  const isIdentity = (kind: string) => kind === "user" || kind === "group" || kind === "serviceaccount";
  const placeholders = b
    .build()
    .nodes.filter((n) => isIdentity(n.kind) && n.builtIn === undefined)
    .map((n) => n.id.slice("identity:".length));
  for (const r of await listGraphIdentities(snapshotId, placeholders.slice(0, DECORATE_LIMIT))) b.identity(r);
  const risky = b
    .build()
    .nodes.filter((n) => isIdentity(n.kind) && n.risk !== "none" && n.risk !== "info")
    .map((n) => n.id.slice("identity:".length));
  b.applyEvidence(await listFindingEvidence(snapshotId, risky.slice(0, DECORATE_LIMIT)));
}

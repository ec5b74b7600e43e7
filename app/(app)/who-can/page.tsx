import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guard";
import { describeIssues, queryObject } from "@/lib/schemas/query";
import { canIQuerySchema, type CanIQuery } from "@/lib/schemas/who-can";
import { listNamespaceNames } from "@/lib/store/lookups";
import { runCanI, runWhoCan } from "@/app/_lib/access-queries";
import { hrefWith, resolveSnapshot, type SnapshotContext } from "@/app/_lib/snapshot-context";
import { ProvenanceList } from "@/components/who-can/provenance-list";
import { SnapshotBar } from "@/components/snapshot/snapshot-bar";
import { Card } from "@/components/ui/card";
import { BuiltInTag, IdentityName } from "@/components/ui/identity-label";
import { PageHeader } from "@/components/ui/page-header";
import { SeverityBadge } from "@/components/ui/severity";
import { EmptyState, ErrorState, NoSnapshot } from "@/components/ui/states";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Who can…? · Palisade" };

const VERBS = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "impersonate", "bind", "escalate", "approve", "sign", "*"];
const RESOURCES = ["secrets", "pods", "pods/exec", "pods/attach", "pods/ephemeralcontainers", "serviceaccounts/token", "deployments.apps", "daemonsets.apps", "configmaps", "nodes", "nodes/proxy", "roles.rbac.authorization.k8s.io", "rolebindings.rbac.authorization.k8s.io", "clusterroles.rbac.authorization.k8s.io", "clusterrolebindings.rbac.authorization.k8s.io", "users", "groups", "serviceaccounts", "certificatesigningrequests.certificates.k8s.io", "mutatingwebhookconfigurations.admissionregistration.k8s.io", "applications.argoproj.io", "*"];

const input = "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600";
const label = "block text-xs font-medium text-slate-600";

export default async function WhoCanPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser();
  const raw = queryObject(await searchParams);
  const mode = raw.mode === "can-i" ? "can-i" : "who-can";
  const parsed = canIQuerySchema.safeParse(raw);
  const q: CanIQuery = parsed.success ? parsed.data : {};
  const hideBuiltIn = raw.hideBuiltIn === "true";
  const ctx = await resolveSnapshot({ cluster: q.cluster, snapshot: q.snapshot });
  const snap = ctx.snapshot;
  if (!snap) {
    return (
      <>
        <PageHeader title="Who can…?" />
        <NoSnapshot reason={ctx.notFound ? `Cannot show ${ctx.notFound}` : undefined} />
      </>
    );
  }
  const namespaces = await listNamespaceNames(snap.id);
  const asked = q.verb !== undefined || q.resource !== undefined || q.path !== undefined || q.user !== undefined;

  return (
    <>
      <PageHeader title="Who can…?" subtitle="Ask the RBAC engine about the stored snapshot: who may make a request, or whether one user may." />
      <SnapshotBar ctx={ctx} showGaps={false} />
      <div role="tablist" aria-label="Question" className="mb-4 flex gap-2">
        <a role="tab" aria-selected={mode === "who-can"} href={hrefWith(ctx, "/who-can")} className={tabClass(mode === "who-can")}>
          Who can do this?
        </a>
        <a role="tab" aria-selected={mode === "can-i"} href={hrefWith(ctx, "/who-can", { mode: "can-i" })} className={tabClass(mode === "can-i")}>
          Can this user do this?
        </a>
      </div>
      {!parsed.success ? <ErrorState title="The question could not be read">{describeIssues(parsed.error)}</ErrorState> : null}
      <RequestForm ctx={ctx} q={q} mode={mode} namespaces={namespaces} hideBuiltIn={hideBuiltIn} />
      <div className="mt-4">{asked && parsed.success ? mode === "who-can" ? <WhoCanResults snapshotId={snap.id} q={q} ctx={ctx} hideBuiltIn={hideBuiltIn} /> : <CanIResults snapshotId={snap.id} q={q} /> : <Examples ctx={ctx} mode={mode} />}</div>
    </>
  );
}

function tabClass(active: boolean): string {
  return `rounded-full px-3 py-1 text-sm ring-1 ring-inset focus-visible:outline-2 focus-visible:outline-indigo-600 ${active ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`;
}

function RequestForm({ ctx, q, mode, namespaces, hideBuiltIn }: { ctx: SnapshotContext; q: CanIQuery; mode: string; namespaces: string[]; hideBuiltIn: boolean }) {
  return (
    <form method="get" action="/who-can" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label={mode === "who-can" ? "Who can" : "Can I"}>
      {mode === "can-i" ? <input type="hidden" name="mode" value="can-i" /> : null}
      {ctx.query
        ? ctx.query.split("&").map((kv) => {
            const [k, v] = kv.split("=");
            return <input key={k} type="hidden" name={k} value={decodeURIComponent(v ?? "")} />;
          })
        : null}
      {mode === "can-i" ? (
        <div className="mb-3 grid grid-cols-2 gap-3">
          <div>
            <label htmlFor="q-user" className={label}>
              User
            </label>
            <input id="q-user" name="user" defaultValue={q.user ?? ""} required placeholder="alice@example.com or system:serviceaccount:ci:deployer" className={input} />
          </div>
          <div>
            <label htmlFor="q-group" className={label}>
              Groups (comma-separated; implicit groups are added)
            </label>
            <input id="q-group" name="group" defaultValue={(q.group ?? []).join(", ")} placeholder="oidc:developers" className={input} />
          </div>
        </div>
      ) : null}
      <div className="grid grid-cols-6 gap-3">
        <div>
          <label htmlFor="q-verb" className={label}>
            Verb
          </label>
          <input id="q-verb" name="verb" list="verbs" defaultValue={q.verb ?? ""} required placeholder="get" className={input} />
          <datalist id="verbs">
            {VERBS.map((v) => (
              <option key={v} value={v} />
            ))}
          </datalist>
        </div>
        <div className="col-span-2">
          <label htmlFor="q-resource" className={label}>
            Resource
          </label>
          <input id="q-resource" name="resource" list="resources" defaultValue={q.resource ?? ""} placeholder="secrets, pods/exec, deployments.apps" className={input} />
          <datalist id="resources">
            {RESOURCES.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
        </div>
        <div>
          <label htmlFor="q-sub" className={label}>
            Subresource
          </label>
          <input id="q-sub" name="subresource" defaultValue={q.subresource ?? ""} placeholder="exec" className={input} />
        </div>
        <div>
          <label htmlFor="q-group-api" className={label}>
            API group
          </label>
          <input id="q-group-api" name="apiGroup" defaultValue={q.apiGroup ?? ""} placeholder="auto" className={input} />
        </div>
        <div>
          <label htmlFor="q-name" className={label}>
            Object name
          </label>
          <input id="q-name" name="name" defaultValue={q.name ?? ""} placeholder="any" className={input} />
        </div>
        <div className="col-span-2">
          <label htmlFor="q-ns" className={label}>
            Namespace
          </label>
          {namespaces.length <= 200 ? (
            <select id="q-ns" name="namespace" defaultValue={q.namespace ?? ""} className={input}>
              <option value="">(cluster-scoped: ClusterRoleBindings only)</option>
              {namespaces.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          ) : (
            <input id="q-ns" name="namespace" defaultValue={q.namespace ?? ""} placeholder="empty: cluster-scoped (ClusterRoleBindings only)" className={input} />
          )}
        </div>
        <div className="col-span-2">
          <label htmlFor="q-path" className={label}>
            or non-resource URL
          </label>
          <input id="q-path" name="path" defaultValue={q.path ?? ""} placeholder="/metrics" className={input} />
        </div>
        <div className="col-span-2 flex items-end gap-3">
          <button type="submit" className="rounded-md bg-indigo-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
            Ask
          </button>
          {mode === "who-can" ? (
            <label className="flex items-center gap-2 pb-1.5 text-sm text-slate-700">
              <input type="checkbox" name="hideBuiltIn" value="true" defaultChecked={hideBuiltIn} className="h-4 w-4" />
              Hide built-in subjects
            </label>
          ) : null}
        </div>
      </div>
      <p className="mt-3 text-xs text-slate-600">
        Without a namespace the question is cluster-scoped, which only ClusterRoleBindings can allow (like <code>kubectl auth can-i … -A</code>). A bare resource name resolves to its API group as kubectl does (deployments → apps).
      </p>
    </form>
  );
}

async function WhoCanResults({ snapshotId, q, ctx, hideBuiltIn }: { snapshotId: number; q: CanIQuery; ctx: SnapshotContext; hideBuiltIn: boolean }) {
  const res = await runWhoCan(snapshotId, q);
  if (!res.ok) return <ErrorState title="That question cannot be asked">{res.error}</ErrorState>;
  const all = res.value.subjects;
  const subjects = hideBuiltIn ? all.filter((s) => !s.identity?.builtIn) : all;
  return (
    <Card title={<span data-testid="who-can-summary">{`${subjects.length} subject${subjects.length === 1 ? "" : "s"} can ${res.value.description}`}</span>} id="who-can-results">
      {subjects.length === 0 ? (
        <EmptyState title="Nobody can, through RBAC">
          <p>No binding allows this request{hideBuiltIn && all.length ? ` apart from ${all.length} built-in subjects (hidden)` : ""}. Members of system:masters can still do anything.</p>
        </EmptyState>
      ) : (
        <table className="w-full table-fixed text-sm" data-testid="who-can-table">
          <thead>
            <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
              <th scope="col" className="w-96 pb-2 font-medium">Subject</th>
              <th scope="col" className="w-28 pb-2 font-medium">Risk</th>
              <th scope="col" className="pb-2 font-medium">Allowed by (binding → role → rule)</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {subjects.map((s) => (
              <tr key={`${s.kind}/${s.namespace ?? ""}/${s.name}`} className="align-top" data-testid="who-can-row">
                <td className="py-2 pr-3">
                  <div className="flex items-center gap-2">
                    <IdentityName kind={s.kind} name={s.name} namespace={s.namespace} href={s.identity ? hrefWith(ctx, `/identities/${encodeURIComponent(s.identity.id)}`) : undefined} />
                    {s.identity?.builtIn ? <BuiltInTag /> : null}
                  </div>
                </td>
                <td className="py-2 pr-3">{s.identity ? <SeverityBadge level={s.identity.riskLevel} /> : <span className="text-xs text-slate-500">—</span>}</td>
                <td className="py-2">
                  <ProvenanceList via={s.via} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="mt-3 text-xs text-slate-600">A group stands for all its members (system:serviceaccounts is every service account; system:authenticated every signed-in user). Members of system:masters bypass RBAC and are listed only where a binding names the group.</p>
    </Card>
  );
}

async function CanIResults({ snapshotId, q }: { snapshotId: number; q: CanIQuery }) {
  const res = await runCanI(snapshotId, q);
  if (!res.ok) return <ErrorState title="That question cannot be asked">{res.error}</ErrorState>;
  const r = res.value;
  return (
    <Card title="Answer" id="can-i-result">
      <p className="text-lg" data-testid="can-i-answer">
        {r.allowed ? (
          <span className="font-semibold text-indigo-800">
            <span aria-hidden="true">✔ </span>Yes
          </span>
        ) : (
          <span className="font-semibold text-slate-800">
            <span aria-hidden="true">✘ </span>No
          </span>
        )}{" "}
        — <code className="text-sm">{r.user}</code> {r.allowed ? "can" : "cannot"} {r.description}.
      </p>
      <p className="mt-1 text-xs text-slate-600">Groups considered: {r.groups.join(", ")}</p>
      {r.reason ? <p className="mt-2 text-sm text-slate-800">Allowed without RBAC: {r.reason}.</p> : null}
      {r.via.length ? (
        <div className="mt-3">
          <h3 className="text-sm font-medium text-slate-800">Allowed by</h3>
          <div className="mt-1">
            <ProvenanceList via={r.via} />
          </div>
        </div>
      ) : null}
    </Card>
  );
}

function Examples({ ctx, mode }: { ctx: SnapshotContext; mode: string }) {
  const ex =
    mode === "who-can"
      ? [
          { text: "Who can read secrets cluster-wide?", params: { verb: "get", resource: "secrets" } },
          { text: "Who can exec into pods in payments?", params: { verb: "create", resource: "pods/exec", namespace: "payments" } },
          { text: "Who can impersonate groups?", params: { verb: "impersonate", resource: "groups" } },
          { text: "Who can escalate roles?", params: { verb: "escalate", resource: "clusterroles.rbac.authorization.k8s.io" } },
        ]
      : [{ text: "Can a member of oidc:developers create Argo CD applications in argocd?", params: { mode: "can-i", user: "someone@example.com", group: "oidc:developers", verb: "create", resource: "applications.argoproj.io", namespace: "argocd" } }];
  return (
    <Card title="Examples" id="examples">
      <ul className="list-disc space-y-1 pl-5 text-sm">
        {ex.map((e) => (
          <li key={e.text}>
            <a className="text-indigo-700 hover:underline" href={hrefWith(ctx, "/who-can", e.params)}>
              {e.text}
            </a>
          </li>
        ))}
      </ul>
    </Card>
  );
}

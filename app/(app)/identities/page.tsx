import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guard";
import { getRule } from "@/lib/rules";
import { identityListQuerySchema, type IdentityListQuery } from "@/lib/schemas/identities";
import { describeIssues, queryObject } from "@/lib/schemas/query";
import { listIdentities, snapshotSummary } from "@/lib/store";
import { listNamespaceNames } from "@/lib/store/lookups";
import { RISK_LABEL } from "@/lib/view/risk";
import { identityFilters } from "@/app/_lib/identity-filters";
import { resolveSnapshot } from "@/app/_lib/snapshot-context";
import { SnapshotBar } from "@/components/snapshot/snapshot-bar";
import { AutoSubmitForm } from "@/components/ui/auto-submit-form";
import { BuiltInTag, IdentityName } from "@/components/ui/identity-label";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { RiskScore } from "@/components/ui/severity";
import { EmptyState, ErrorState, NoSnapshot } from "@/components/ui/states";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Identities · Palisade" };

const NAMESPACE_MENU_LIMIT = 200;
const field = "rounded-md border border-slate-300 bg-white py-1.5 pl-2 pr-7 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600";
const label = "block text-xs font-medium text-slate-600";

export default async function IdentitiesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser();
  const raw = queryObject(await searchParams);
  const parsed = identityListQuerySchema.safeParse(raw);
  const q: IdentityListQuery = parsed.success ? parsed.data : {};
  const ctx = await resolveSnapshot({ cluster: q.cluster, snapshot: q.snapshot });
  const snap = ctx.snapshot;
  if (!snap) {
    return (
      <>
        <PageHeader title="Identities" />
        <NoSnapshot reason={ctx.notFound ? `Cannot show ${ctx.notFound}` : undefined} />
      </>
    );
  }
  const filters = identityFilters(q);
  const [page, namespaces, summary] = await Promise.all([listIdentities(snap.id, filters), listNamespaceNames(snap.id), snapshotSummary(snap.id)]);
  const rules = summary?.findingsByRule ?? [];

  const hrefFor = (p: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(raw)) if (k !== "page") for (const x of [v].flat()) params.append(k, x);
    if (p > 1) params.set("page", String(p));
    const qs = params.toString();
    return qs ? `/identities?${qs}` : "/identities";
  };
  const detailHref = (id: string) => `/identities/${encodeURIComponent(id)}${ctx.query ? `?${ctx.query}` : ""}`;
  const builtInMode = q.builtIn ?? "own";
  const filtered = Boolean(q.q || q.kind || q.namespace || q.level || q.rule || q.overPermissive || builtInMode !== "own");

  return (
    <>
      <PageHeader title="Identities" subtitle="Every user, group and service account that a binding names or that exists in the cluster, riskiest first." />
      <SnapshotBar ctx={ctx} showGaps={false} />
      {!parsed.success ? <ErrorState title="Some filters were not understood and are ignored">{describeIssues(parsed.error)}</ErrorState> : null}

      <AutoSubmitForm action="/identities" className="mb-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label="Filter identities" role="search">
        {ctx.query
          ? ctx.query.split("&").map((kv) => {
              const [k, v] = kv.split("=");
              return <input key={k} type="hidden" name={k} value={decodeURIComponent(v ?? "")} />;
            })
          : null}
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-64 flex-1">
            <label htmlFor="f-q" className={label}>
              Search
            </label>
            <input id="f-q" name="q" type="search" defaultValue={q.q ?? ""} placeholder="name, namespace or kind" className={`${field} w-full pr-2`} />
          </div>
          <div>
            <label htmlFor="f-kind" className={label}>
              Kind
            </label>
            <select id="f-kind" name="kind" defaultValue={q.kind ?? ""} className={field}>
              <option value="">Any kind</option>
              <option value="User">Users</option>
              <option value="Group">Groups</option>
              <option value="ServiceAccount">Service accounts</option>
            </select>
          </div>
          <div>
            <label htmlFor="f-ns" className={label}>
              Namespace
            </label>
            {namespaces.length <= NAMESPACE_MENU_LIMIT ? (
              <select id="f-ns" name="namespace" defaultValue={q.namespace ?? ""} className={`${field} max-w-48`}>
                <option value="">Any namespace</option>
                {namespaces.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            ) : (
              // A menu of a thousand namespaces would weigh more than the table: type the name instead.
              <input id="f-ns" name="namespace" type="text" defaultValue={q.namespace ?? ""} placeholder={`any of ${namespaces.length}`} className={`${field} w-44 pr-2`} />
            )}
          </div>
          <div>
            <label htmlFor="f-level" className={label}>
              Risk level
            </label>
            <select id="f-level" name="level" defaultValue={q.level?.length === 1 ? q.level[0] : ""} className={field}>
              <option value="">Any level</option>
              {(["critical", "high", "medium", "low", "info", "none"] as const).map((l) => (
                <option key={l} value={l}>
                  {RISK_LABEL[l]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="f-rule" className={label}>
              Rule
            </label>
            <select id="f-rule" name="rule" defaultValue={q.rule ?? ""} className={`${field} max-w-56`}>
              <option value="">Any rule</option>
              {rules.map((r) => (
                <option key={r.ruleId} value={r.ruleId}>
                  {getRule(r.ruleId)?.title ?? r.ruleId}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="f-builtin" className={label}>
              Built-in
            </label>
            <select id="f-builtin" name="builtIn" defaultValue={builtInMode} className={field}>
              <option value="own">Hide built-in</option>
              <option value="all">Show all</option>
              <option value="only">Built-in only</option>
            </select>
          </div>
          <div>
            <label htmlFor="f-sort" className={label}>
              Sort by
            </label>
            <select id="f-sort" name="sort" defaultValue={q.sort ?? "score"} className={field}>
              <option value="score">Risk score</option>
              <option value="findings">Findings</option>
              <option value="grants">Permissions</option>
              <option value="name">Name</option>
            </select>
          </div>
          <label className="flex items-center gap-2 pb-1.5 text-sm text-slate-700">
            <input type="checkbox" name="overPermissive" value="true" defaultChecked={q.overPermissive === true} className="h-4 w-4 rounded border-slate-300" />
            Over-permissive only
          </label>
          <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
            Apply
          </button>
          {filtered ? (
            <a href={ctx.query ? `/identities?${ctx.query}` : "/identities"} className="pb-1.5 text-sm text-indigo-700 hover:underline">
              Clear filters
            </a>
          ) : null}
        </div>
      </AutoSubmitForm>

      {page.total === 0 ? (
        <EmptyState title="No identity matches these filters">
          {builtInMode === "own" ? <p>Built-in Kubernetes identities are hidden; choose &ldquo;Show all&rdquo; under Built-in to include them.</p> : <p>Try fewer filters or a shorter search.</p>}
        </EmptyState>
      ) : (
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="w-full table-fixed text-sm" data-testid="identities-table">
            <caption className="sr-only">Identities, {page.total} in total</caption>
            <thead className="bg-slate-50">
              <tr className="text-left text-xs uppercase tracking-wide text-slate-600">
                <th scope="col" className="w-[34%] px-4 py-2 font-medium">Identity</th>
                <th scope="col" className="w-40 px-3 py-2 font-medium">Risk</th>
                <th scope="col" className="w-20 px-3 py-2 text-right font-medium">Findings</th>
                <th scope="col" className="w-24 px-3 py-2 text-right font-medium">Permissions</th>
                <th scope="col" className="px-3 py-2 font-medium">Top reason</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.rows.map((r) => (
                <tr key={r.id} className="align-top hover:bg-slate-50">
                  <td className="px-4 py-2">
                    <div className="flex min-w-0 items-center gap-2">
                      <IdentityName kind={r.kind} name={r.name} namespace={r.namespace} href={detailHref(r.id)} />
                      {r.builtIn ? <BuiltInTag /> : null}
                      {!r.exists ? <span className="rounded bg-amber-100 px-1.5 py-0.5 text-[11px] font-medium text-amber-900">missing</span> : null}
                    </div>
                  </td>
                  <td className="px-3 py-2">
                    <RiskScore score={r.riskScore} level={r.riskLevel} />
                  </td>
                  <td className="px-3 py-2 text-right font-mono tabular-nums">{r.findingCount}</td>
                  <td className="px-3 py-2 text-right font-mono tabular-nums">{r.grantCount}</td>
                  <td className="px-3 py-2 text-slate-700">
                    <span className="line-clamp-2">{r.riskReasons[0] ?? <span className="text-slate-500">—</span>}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="border-t border-slate-100 px-4 py-3">
            <Pagination page={page.page} pageSize={page.pageSize} total={page.total} hrefFor={hrefFor} />
          </div>
        </div>
      )}
    </>
  );
}

import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guard";
import { getRule } from "@/lib/rules";
import { SEVERITIES, SEVERITY_RANK, type Severity } from "@/lib/rules/types";
import { findingsPageQuerySchema } from "@/lib/schemas/findings";
import { describeIssues, queryObject } from "@/lib/schemas/query";
import { listFindingSamplesByRule } from "@/lib/store/finding-groups";
import { RISK_LABEL } from "@/lib/view/risk";
import { hrefWith, resolveSnapshot } from "@/app/_lib/snapshot-context";
import { SnapshotBar } from "@/components/snapshot/snapshot-bar";
import { AutoSubmitForm } from "@/components/ui/auto-submit-form";
import { PageHeader } from "@/components/ui/page-header";
import { SeverityBadge, SeverityIcon } from "@/components/ui/severity";
import { OpenDetailsFromHash } from "@/components/ui/open-details-from-hash";
import { EmptyState, ErrorState, NoSnapshot } from "@/components/ui/states";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Findings · Palisade" };

const PER_RULE = 8;

export default async function FindingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser();
  const parsed = findingsPageQuerySchema.safeParse(queryObject(await searchParams));
  const q = parsed.success ? parsed.data : {};
  const ctx = await resolveSnapshot({ cluster: q.cluster, snapshot: q.snapshot });
  const snap = ctx.snapshot;
  if (!snap) {
    return (
      <>
        <PageHeader title="Findings" />
        <NoSnapshot reason={ctx.notFound ? `Cannot show ${ctx.notFound}` : undefined} />
      </>
    );
  }
  const byDesign = q.byDesign ?? false;
  const groups = (await listFindingSamplesByRule(snap.id, { perRule: PER_RULE, byDesign }))
    .filter((g) => !q.severity || q.severity.includes(g.severity))
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.total - a.total || a.ruleId.localeCompare(b.ruleId));
  const bySeverity = new Map<Severity, typeof groups>();
  for (const g of groups) bySeverity.set(g.severity, [...(bySeverity.get(g.severity) ?? []), g]);
  const total = groups.reduce((n, g) => n + g.total, 0);

  return (
    <>
      <PageHeader
        title="Findings"
        subtitle={byDesign ? "Kubernetes' own default policy, unchanged: reported for completeness, never failing." : "Every risky permission, grouped by rule and severity, with what to do about it."}
      />
      <SnapshotBar ctx={ctx} showGaps={false} />
      <OpenDetailsFromHash />
      {!parsed.success ? <ErrorState title="Some filters were not understood and are ignored">{describeIssues(parsed.error)}</ErrorState> : null}
      <AutoSubmitForm action="/findings" className="mb-4 flex flex-wrap items-center gap-4 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm" aria-label="Filter findings">
        {ctx.query
          ? ctx.query.split("&").map((kv) => {
              const [k, v] = kv.split("=");
              return <input key={k} type="hidden" name={k} value={decodeURIComponent(v ?? "")} />;
            })
          : null}
        <fieldset className="flex flex-wrap items-center gap-3">
          <legend className="sr-only">Severity</legend>
          {SEVERITIES.filter((s) => s !== "info" || byDesign).map((s) => (
            <label key={s} className="flex items-center gap-1.5 text-sm text-slate-700">
              <input type="checkbox" name="severity" value={s} defaultChecked={!q.severity || q.severity.includes(s)} className="h-4 w-4" />
              <SeverityIcon level={s} className={`h-3.5 w-3.5 ${s === "critical" ? "text-red-700" : s === "high" ? "text-orange-600" : s === "medium" ? "text-amber-500" : s === "low" ? "text-sky-600" : "text-slate-500"}`} />
              {RISK_LABEL[s]}
            </label>
          ))}
        </fieldset>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="byDesign" value="true" defaultChecked={byDesign} className="h-4 w-4" />
          Kubernetes defaults (by design) instead
        </label>
        <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
          Apply
        </button>
        <span className="ml-auto text-sm text-slate-600" data-testid="findings-count">
          {total.toLocaleString("en")} findings from {groups.length} rules
        </span>
      </AutoSubmitForm>

      {groups.length === 0 ? (
        <EmptyState title={byDesign ? "No by-design findings" : "No findings at these severities"}>
          <p>{byDesign ? "Nothing in Kubernetes' default policy matched a rule." : "Nothing risky matched the selected severities. Widen the filter, or look at Kubernetes' defaults."}</p>
        </EmptyState>
      ) : (
        [...bySeverity.entries()].map(([severity, rules]) => (
          <section key={severity} className="mb-6" aria-labelledby={`sev-${severity}`}>
            <h2 id={`sev-${severity}`} className="mb-2 flex items-center gap-2 text-base font-semibold text-slate-900">
              <SeverityBadge level={severity} />
              <span>
                {rules.length} rule{rules.length === 1 ? "" : "s"} whose most severe finding is {severity}
              </span>
            </h2>
            <div className="space-y-3">
              {rules.map((g) => {
                const rule = getRule(g.ruleId);
                return (
                  <details key={g.ruleId} id={`rule-${g.ruleId}`} className="group rounded-lg border border-slate-200 bg-white shadow-sm" open={groups.length <= 3}>
                    <summary className="flex cursor-pointer items-center gap-3 px-4 py-3 focus-visible:outline-2 focus-visible:outline-indigo-600">
                      <span className="text-slate-500 transition group-open:rotate-90" aria-hidden="true">
                        ▸
                      </span>
                      <span className="font-medium text-slate-900">{rule?.title ?? g.ruleId}</span>
                      <span className="font-mono text-xs text-slate-500">{g.ruleId}</span>
                      <span className="ml-auto text-sm tabular-nums text-slate-700">
                        {g.total} finding{g.total === 1 ? "" : "s"}
                      </span>
                    </summary>
                    <div className="grid grid-cols-5 gap-6 border-t border-slate-100 px-4 py-3">
                      <div className="col-span-2 space-y-3 text-sm">
                        {rule ? (
                          <>
                            <div>
                              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Why it matters</h3>
                              <p className="mt-1 text-slate-800">{rule.rationale}</p>
                            </div>
                            <div>
                              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Remediation</h3>
                              <p className="mt-1 text-slate-800">{rule.remediation}</p>
                            </div>
                            <div>
                              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">References</h3>
                              <ul className="mt-1 list-disc space-y-0.5 pl-5">
                                {rule.references.map((r) => (
                                  <li key={r.url}>
                                    <a className="text-indigo-700 hover:underline" href={r.url} rel="noreferrer noopener" target="_blank">
                                      {r.title}
                                    </a>
                                  </li>
                                ))}
                                {(rule.mitre ?? []).map((m) => (
                                  <li key={m.id}>
                                    <a className="text-indigo-700 hover:underline" href={m.url} rel="noreferrer noopener" target="_blank">
                                      MITRE ATT&amp;CK {m.id} {m.name}
                                    </a>
                                  </li>
                                ))}
                              </ul>
                            </div>
                          </>
                        ) : (
                          <p className="text-slate-600">This rule is not in the current catalogue (the snapshot was made by another version).</p>
                        )}
                      </div>
                      <div className="col-span-3">
                        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Affected</h3>
                        <ul className="mt-1 divide-y divide-slate-100 text-sm">
                          {g.findings.map((f) => (
                            <li key={f.id} className="py-1.5">
                              <div className="flex flex-wrap items-center gap-2">
                                {f.severity !== severity ? <SeverityBadge level={f.severity} /> : null}
                                {f.identityId ? (
                                  <a className="font-medium text-slate-900 hover:underline" href={hrefWith(ctx, `/identities/${encodeURIComponent(f.identityId)}`)}>
                                    {f.identityId.replace(/^ServiceAccount:([^:]+):/, "ServiceAccount $1/").replace(/^(User|Group):/, "$1 ")}
                                  </a>
                                ) : f.object ? (
                                  <span className="font-medium text-slate-900">
                                    {f.object.kind} {f.object.namespace ? `${f.object.namespace}/` : ""}
                                    {f.object.name}
                                  </span>
                                ) : null}
                                <span className="text-xs text-slate-600">{f.namespace ? `in ${f.namespace}` : "cluster-wide"}</span>
                              </div>
                              <p className="text-xs text-slate-700">{f.message}</p>
                            </li>
                          ))}
                        </ul>
                        {g.total > g.findings.length ? (
                          <p className="mt-2 text-sm">
                            <a className="text-indigo-700 hover:underline" href={hrefWith(ctx, "/identities", { rule: g.ruleId, builtIn: "all" })}>
                              All identities with this finding ({g.total} findings) →
                            </a>
                          </p>
                        ) : null}
                      </div>
                    </div>
                  </details>
                );
              })}
            </div>
          </section>
        ))
      )}
    </>
  );
}

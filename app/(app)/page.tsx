import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guard";
import { getRule } from "@/lib/rules";
import { SEVERITIES, SEVERITY_RANK } from "@/lib/rules/types";
import { snapshotSelectorSchema, queryObject } from "@/lib/schemas/query";
import { getAttackGraphSummary, listCrownJewelExposure, listIdentities, snapshotSummary } from "@/lib/store";
import { identityBreakdown, listSnapshotTrend } from "@/lib/store/dashboard";
import { listFindingSamplesByRule } from "@/lib/store/finding-groups";
import { postureBand, postureScore, POSTURE_WEIGHTS } from "@/lib/view/posture";
import type { RiskLevel } from "@/lib/view/risk";
import { hrefWith, resolveSnapshot } from "@/app/_lib/snapshot-context";
import { CrownJewelTiles } from "@/components/attack-paths/crown-jewel-tiles";
import { LevelBars } from "@/components/dashboard/level-bars";
import { PostureTrend } from "@/components/dashboard/posture-trend";
import { SnapshotBar } from "@/components/snapshot/snapshot-bar";
import { Card, Stat } from "@/components/ui/card";
import { IdentityName } from "@/components/ui/identity-label";
import { PageHeader } from "@/components/ui/page-header";
import { RiskScore, SeverityBadge } from "@/components/ui/severity";
import { ErrorState, NoSnapshot } from "@/components/ui/states";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dashboard · Palisade" };

const BAND_STYLE = { good: "text-emerald-800 bg-emerald-50 ring-emerald-200", fair: "text-amber-900 bg-amber-50 ring-amber-200", poor: "text-red-800 bg-red-50 ring-red-200" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser();
  const parsed = snapshotSelectorSchema.safeParse(queryObject(await searchParams));
  const ctx = await resolveSnapshot(parsed.success ? parsed.data : {});
  const snap = ctx.snapshot;
  if (!snap) {
    return (
      <>
        <PageHeader title="Dashboard" />
        {ctx.notFound ? <ErrorState title={`Cannot show ${ctx.notFound}`}>Pick another snapshot below, or open the dashboard without parameters.</ErrorState> : null}
        {ctx.clusters.length ? <SnapshotBar ctx={ctx} /> : null}
        <NoSnapshot reason={ctx.cluster ? `${ctx.cluster.name} has no complete snapshot yet` : undefined} />
      </>
    );
  }

  const [summary, breakdown, top, trend, ruleGroups, exposure, attackGraph] = await Promise.all([
    snapshotSummary(snap.id),
    identityBreakdown(snap.id),
    listIdentities(snap.id, { builtIn: false, sort: "score", pageSize: 10 }),
    listSnapshotTrend(snap.clusterId, { limit: 20 }),
    listFindingSamplesByRule(snap.id, { perRule: 0 }),
    listCrownJewelExposure(snap.id),
    getAttackGraphSummary(snap.id),
  ]);
  // The organisation's findings per rule (Kubernetes' by-design defaults left out, as on the findings page).
  const byRule = ruleGroups.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.total - a.total || a.ruleId.localeCompare(b.ruleId));
  if (!summary) return <ErrorState title="This snapshot could not be read">Reload the page; if it persists, check the server log.</ErrorState>;

  const trendPoints = trend
    .filter((t) => t.stats && t.snapshotId <= snap.id)
    .map((t) => ({ snapshotId: t.snapshotId, at: t.startedAt, score: postureScore(t.stats!.identitiesByLevel) }));
  const score = postureScore(summary.identitiesByLevel);
  const band = postureBand(score);
  const previous = trendPoints.length >= 2 ? trendPoints[trendPoints.length - 2]!.score : null;
  const findingsTotal = SEVERITIES.reduce((n, s) => n + (summary.findingsBySeverity[s] ?? 0), 0);
  const riskyTop = top.rows.filter((r) => r.riskScore > 0);
  const own = breakdown.own;
  const builtIn = breakdown.builtIn;
  const link = (path: string, extra: Record<string, string | number | undefined> = {}) => hrefWith(ctx, path, extra);

  return (
    <>
      <PageHeader title="Dashboard" subtitle={<>Posture of <strong className="font-medium text-slate-800">{snap.clusterName}</strong> at a glance: who is over-permissive, and why.</>} />
      <SnapshotBar ctx={ctx} />

      <div className="grid grid-cols-4 gap-4" data-testid="dashboard-stats">
        <section className="col-span-1 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="posture-title">
          <div className="flex items-center justify-between">
            <h2 id="posture-title" className="text-xs font-medium uppercase tracking-wide text-slate-500">
              Posture score
            </h2>
            <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${BAND_STYLE[band]}`}>{band}</span>
          </div>
          <div className="mt-1 flex items-baseline gap-1.5">
            <span className="text-3xl font-semibold tabular-nums text-slate-900" data-testid="posture-score">
              {score}
            </span>
            <span className="text-sm text-slate-500">/ 100</span>
          </div>
          {previous !== null ? (
            <p className={`text-xs ${score >= previous ? "text-emerald-800" : "text-red-800"}`}>
              {score === previous ? "unchanged" : `${score > previous ? "▲ +" : "▼ "}${score - previous}`} since the previous snapshot
            </p>
          ) : null}
          <div className="mt-2">
            <PostureTrend points={trendPoints} />
          </div>
          <details className="mt-2 text-[11px] text-slate-600">
            <summary className="cursor-pointer">How is this computed?</summary>
            100 × (1 − weighted risky identities ÷ all identities), weights{" "}
            {(Object.entries(POSTURE_WEIGHTS) as [RiskLevel, number][])
              .filter(([, w]) => w > 0)
              .map(([l, w]) => `${l} ${w}`)
              .join(", ")}
            .
          </details>
        </section>
        <Stat
          label="Your identities"
          value={<span data-testid="own-identities">{own.total.toLocaleString("en")}</span>}
          hint={
            <span data-testid="own-by-kind">
              {own.byKind.User} users · {own.byKind.Group} groups · {own.byKind.ServiceAccount.toLocaleString("en")} service accounts
            </span>
          }
          href={link("/identities")}
        />
        <Stat
          label="Over-permissive"
          value={<span data-testid="own-over-permissive">{own.overPermissive.toLocaleString("en")}</span>}
          hint={<>of your identities hold a critical or high risk of their own ({builtIn.overPermissive} built-in)</>}
          href={link("/identities", { overPermissive: "true" })}
        />
        <Stat
          label="Findings"
          value={<span data-testid="findings-total">{findingsTotal.toLocaleString("en")}</span>}
          hint={
            <>
              {summary.findingsBySeverity.critical} critical · {summary.findingsBySeverity.high} high · {summary.findingsBySeverity.info} by design
            </>
          }
          href={link("/findings")}
        />
      </div>

      <CrownJewelTiles
        jewels={attackGraph ? exposure.jewels : null}
        hasPrevious={exposure.previousSnapshotId !== null}
        hrefFor={(jewel) => link(`/crown-jewels/${encodeURIComponent(jewel)}`)}
        allHref={link("/crown-jewels")}
      />

      <div className="mt-4 grid grid-cols-2 gap-4">
        <Card title="Findings by severity" id="findings-by-severity">
          <LevelBars caption="Findings by severity" counts={summary.findingsBySeverity} levels={[...SEVERITIES]} hrefFor={(l) => link("/findings", { severity: l, byDesign: l === "info" ? "true" : undefined })} />
        </Card>
        <Card title="Your identities by risk level" id="identities-by-level">
          <LevelBars caption="Your identities by risk level" counts={own.byLevel} levels={["critical", "high", "medium", "low", "info", "none"]} hrefFor={(l) => link("/identities", { level: l })} />
        </Card>
      </div>

      <Card title="Ten riskiest identities" id="riskiest" className="mt-4" action={<a className="text-sm text-indigo-700 hover:underline" href={link("/identities")}>All identities →</a>}>
        {riskyTop.length === 0 ? (
          <p className="text-sm text-slate-600">None of your identities has a finding. Kubernetes&apos; own identities are listed below.</p>
        ) : (
          <table className="w-full table-fixed text-sm" data-testid="riskiest-table">
            <thead>
              <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
                <th scope="col" className="w-80 pb-2 font-medium">Identity</th>
                <th scope="col" className="w-40 pb-2 font-medium">Risk</th>
                <th scope="col" className="pb-2 font-medium">Why</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {riskyTop.map((r) => (
                <tr key={r.id} className="align-top">
                  <td className="py-2 pr-3">
                    <IdentityName kind={r.kind} name={r.name} namespace={r.namespace} href={link(`/identities/${encodeURIComponent(r.id)}`)} />
                  </td>
                  <td className="py-2 pr-3">
                    <RiskScore score={r.riskScore} level={r.riskLevel} />
                  </td>
                  <td className="py-2 text-slate-700">
                    <span className="line-clamp-2">{r.riskReasons[0] ?? ""}</span>
                    {r.riskReasons.length > 1 ? <span className="text-xs text-slate-500">+{r.riskReasons.length - 1} more reasons</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>

      <div className="mt-4 grid grid-cols-3 gap-4">
        <Card title="Findings by rule" id="findings-by-rule" className="col-span-2" action={<span className="text-xs text-slate-600">Kubernetes&apos; by-design defaults left out</span>}>
          {byRule.length === 0 ? (
            <p className="text-sm text-slate-600">No findings apart from Kubernetes&apos; own defaults.</p>
          ) : (
            <table className="w-full text-sm">
              <thead>
                <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
                  <th scope="col" className="pb-2 font-medium">Rule</th>
                  <th scope="col" className="pb-2 font-medium">Severity</th>
                  <th scope="col" className="pb-2 text-right font-medium">Findings</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {byRule.slice(0, 15).map((r) => (
                  <tr key={r.ruleId}>
                    <td className="py-1.5 pr-3">
                      <a className="text-slate-900 hover:underline" href={link("/findings") + `#rule-${r.ruleId}`}>
                        {getRule(r.ruleId)?.title ?? r.ruleId}
                      </a>
                      <span className="ml-2 font-mono text-xs text-slate-500">{r.ruleId}</span>
                    </td>
                    <td className="py-1.5 pr-3">
                      <SeverityBadge level={r.severity} />
                    </td>
                    <td className="py-1.5 text-right font-mono tabular-nums">{r.total}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {byRule.length > 15 ? (
            <p className="mt-2 text-sm">
              <a className="text-indigo-700 hover:underline" href={link("/findings")}>
                {byRule.length - 15} more rules →
              </a>
            </p>
          ) : null}
        </Card>
        <Card title="Kubernetes built-in identities" id="built-in">
          <p className="text-sm text-slate-600">Controllers, system users and groups of Kubernetes&apos; bootstrap policy. Kept apart so they do not drown your own.</p>
          <dl className="mt-3 grid grid-cols-2 gap-y-2 text-sm" data-testid="built-in-counts">
            <dt className="text-slate-600">Users</dt>
            <dd className="text-right font-mono tabular-nums">{builtIn.byKind.User}</dd>
            <dt className="text-slate-600">Groups</dt>
            <dd className="text-right font-mono tabular-nums">{builtIn.byKind.Group}</dd>
            <dt className="text-slate-600">Service accounts</dt>
            <dd className="text-right font-mono tabular-nums">{builtIn.byKind.ServiceAccount}</dd>
            <dt className="text-slate-600">With critical/high risk</dt>
            <dd className="text-right font-mono tabular-nums">{builtIn.byLevel.critical + builtIn.byLevel.high}</dd>
          </dl>
          <p className="mt-3 text-sm">
            <a className="text-indigo-700 hover:underline" href={link("/identities", { builtIn: "only" })}>
              Show built-in identities →
            </a>
          </p>
        </Card>
      </div>
    </>
  );
}

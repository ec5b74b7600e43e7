import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guard";
import { crownJewelListQuerySchema } from "@/lib/schemas/crown-jewels";
import { queryObject } from "@/lib/schemas/query";
import { getAttackGraphSummary, listCrownJewelExposure, type CrownJewelExposure } from "@/lib/store";
import { hrefWith, resolveSnapshot } from "@/app/_lib/snapshot-context";
import { PathLength, TierBadge } from "@/components/attack-paths/attack-path-steps";
import { ReacherChange } from "@/components/attack-paths/reacher-change";
import { SnapshotBar } from "@/components/snapshot/snapshot-bar";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState, NoSnapshot } from "@/components/ui/states";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Crown jewels · Palisade" };

const SOURCE: Record<CrownJewelExposure["source"], string> = { "built-in": "built in", designated: "labelled", selector: "selector" };

/** Most valuable first (tier-0 …), then the most exposed. */
function byExposure(a: CrownJewelExposure, b: CrownJewelExposure): number {
  return a.tier.localeCompare(b.tier) || b.reacherCount - a.reacherCount || a.name.localeCompare(b.name);
}

export default async function CrownJewelsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser();
  const parsed = crownJewelListQuerySchema.safeParse(queryObject(await searchParams));
  const ctx = await resolveSnapshot(parsed.success ? parsed.data : {});
  const snap = ctx.snapshot;
  if (!snap) {
    return (
      <>
        <PageHeader title="Crown jewels" />
        <NoSnapshot reason={ctx.notFound ? `Cannot show ${ctx.notFound}` : undefined} />
      </>
    );
  }
  const [{ previousSnapshotId, jewels }, summary] = await Promise.all([listCrownJewelExposure(snap.id), getAttackGraphSummary(snap.id)]);
  const sorted = [...jewels].sort(byExposure);
  const exposed = jewels.filter((j) => j.reacherCount > 0).length;

  return (
    <>
      <PageHeader
        title="Crown jewels"
        subtitle={<>What an attacker wants in <strong className="font-medium text-slate-800">{snap.clusterName}</strong>, and how many identities have a path to it.</>}
        actions={
          <a className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-50" href="/admin/crown-jewels">
            Designate crown jewels
          </a>
        }
      />
      <SnapshotBar ctx={ctx} showGaps={false} />
      {!summary ? (
        <EmptyState title="No attack paths in this snapshot">
          <p>It was stored before Palisade computed attack paths. Collect the cluster again (or run npm run demo) to see its crown jewels.</p>
        </EmptyState>
      ) : (
        <Card
          title={`${jewels.length} crown jewels, ${exposed} reachable`}
          id="crown-jewels"
          action={<span className="text-xs text-slate-600">{summary.identitiesWithPaths.toLocaleString("en")} identities have a path to at least one</span>}
        >
          <table className="w-full text-sm" data-testid="crown-jewels-table">
            <thead>
              <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
                <th scope="col" className="pb-2 font-medium">Crown jewel</th>
                <th scope="col" className="pb-2 font-medium">Tier</th>
                <th scope="col" className="pb-2 font-medium">Why</th>
                <th scope="col" className="pb-2 text-right font-medium">Identities with a path</th>
                <th scope="col" className="pb-2 pl-4 font-medium">Cheapest path</th>
                <th scope="col" className="pb-2 font-medium">Since previous snapshot</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {sorted.map((j) => (
                <tr key={j.id} className="align-top" data-testid="crown-jewel-row">
                  <td className="py-2 pr-3">
                    <a className="font-medium text-indigo-700 hover:underline" href={hrefWith(ctx, `/crown-jewels/${encodeURIComponent(j.id)}`)}>
                      {j.name}
                    </a>
                    <div className="text-xs text-slate-500">
                      {SOURCE[j.source]} · {j.targetCount.toLocaleString("en")} object{j.targetCount === 1 ? "" : "s"}
                    </div>
                  </td>
                  <td className="py-2 pr-3">
                    <TierBadge tier={j.tier} />
                  </td>
                  <td className="max-w-md py-2 pr-3 text-xs text-slate-700">{j.reason}</td>
                  <td className="py-2 text-right font-mono tabular-nums" data-testid="reacher-count">
                    {j.reacherCount.toLocaleString("en")}
                  </td>
                  <td className="py-2 pl-4">{j.minSteps !== null && j.minCost !== null ? <PathLength steps={j.minSteps} cost={j.minCost} /> : <span className="text-xs text-slate-500">no path</span>}</td>
                  <td className="py-2">
                    <ReacherChange jewel={j} hasPrevious={previousSnapshotId !== null} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {summary.warnings.length ? (
            <ul className="mt-3 list-disc pl-5 text-xs text-amber-900">
              {summary.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          ) : null}
        </Card>
      )}
    </>
  );
}

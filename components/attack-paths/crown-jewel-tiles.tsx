import type { CrownJewelExposure } from "@/lib/store";
import { Card } from "@/components/ui/card";
import { TierBadge } from "./attack-path-steps";
import { ReacherChange } from "./reacher-change";

/** Tiles shown on the dashboard: the most valuable jewels first, then the most exposed. */
export const DASHBOARD_TILES = 4;

/**
 * The dashboard's crown-jewel exposure: per jewel, the identities with a path, the shortest path and the change since
 * the previous snapshot. `jewels` null: the snapshot has no attack paths (stored before they were computed).
 */
export function CrownJewelTiles({
  jewels,
  hasPrevious,
  hrefFor,
  allHref,
}: {
  jewels: CrownJewelExposure[] | null;
  hasPrevious: boolean;
  hrefFor: (jewelId: string) => string;
  allHref: string;
}) {
  const shown = [...(jewels ?? [])].sort((a, b) => a.tier.localeCompare(b.tier) || b.reacherCount - a.reacherCount || a.name.localeCompare(b.name)).slice(0, DASHBOARD_TILES);
  return (
    <Card
      title="Crown-jewel exposure"
      id="crown-jewel-exposure"
      className="mt-4"
      action={
        <a className="text-sm text-indigo-700 hover:underline" href={allHref}>
          All {jewels?.length ?? 0} crown jewels →
        </a>
      }
    >
      {jewels === null ? (
        <p className="text-sm text-slate-600">This snapshot was stored before attack paths were computed: collect the cluster again to see who can reach its crown jewels.</p>
      ) : shown.length === 0 ? (
        <p className="text-sm text-slate-600">No crown jewels: label namespaces, workloads or secrets palisade.io/crown-jewel=true, or designate them under Administration.</p>
      ) : (
        <ul className="grid grid-cols-4 gap-3" data-testid="crown-jewel-tiles">
          {shown.map((j) => (
            <li key={j.id}>
              <a href={hrefFor(j.id)} className="block h-full rounded-md border border-slate-200 p-3 hover:border-indigo-300 focus-visible:outline-2 focus-visible:outline-indigo-600" data-testid="crown-jewel-tile">
                <div className="flex items-start justify-between gap-2">
                  <span className="line-clamp-2 text-sm font-medium text-slate-900">{j.name}</span>
                  <TierBadge tier={j.tier} />
                </div>
                <div className="mt-2 flex items-baseline gap-1.5">
                  <span className="text-2xl font-semibold tabular-nums text-slate-900" data-testid="tile-reachers">
                    {j.reacherCount.toLocaleString("en")}
                  </span>
                  <span className="text-xs text-slate-600">identit{j.reacherCount === 1 ? "y" : "ies"} with a path</span>
                </div>
                <div className="mt-1 text-xs text-slate-700">{j.minSteps === null ? "unreachable" : `shortest: ${j.minSteps} step${j.minSteps === 1 ? "" : "s"}, cost ${j.minCost}`}</div>
                <div className="mt-1">
                  <ReacherChange jewel={j} hasPrevious={hasPrevious} />
                </div>
              </a>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

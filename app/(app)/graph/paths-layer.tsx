// The access graph's "paths" layer (`/graph?layer=paths&jewel=…&path=…&rank=…`): identities with a path to one crown
// jewel, with the steps of their cheapest paths; `path` (an identity id) and `rank` highlight one path.
import { pathsLayerQuerySchema } from "@/lib/schemas/crown-jewels";
import { describeIssues } from "@/lib/schemas/query";
import { getAttackPath, listCrownJewels, listJewelReachers } from "@/lib/store";
import { buildPathGraph } from "@/lib/view/attack-path-graph";
import { hrefWith, type SnapshotContext } from "@/app/_lib/snapshot-context";
import { AttackPathGraphLoader } from "@/components/graph/attack-path-graph-loader";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState, ErrorState } from "@/components/ui/states";

/** Reachers drawn in the layer (the cheapest ones); the crown-jewel page lists them all. */
export const LAYER_REACHERS = 40;

export async function PathsLayer({ ctx, raw }: { ctx: SnapshotContext & { snapshot: NonNullable<SnapshotContext["snapshot"]> }; raw: Record<string, string | string[]> }) {
  const snap = ctx.snapshot;
  const parsed = pathsLayerQuerySchema.safeParse(raw);
  const q = parsed.success ? parsed.data : {};
  const jewels = await listCrownJewels(snap.id);
  const reachable = jewels.filter((j) => j.reacherCount > 0).sort((a, b) => a.tier.localeCompare(b.tier) || b.reacherCount - a.reacherCount);
  const jewel = jewels.find((j) => j.id === q.jewel) ?? (q.jewel ? undefined : reachable[0]);
  const [reachers, highlight] = jewel
    ? await Promise.all([listJewelReachers(snap.id, jewel.id, { pageSize: LAYER_REACHERS }), q.path ? getAttackPath(snap.id, q.path, jewel.id, q.rank ?? 0) : Promise.resolve(null)])
    : [null, null];
  const graph = jewel && reachers ? buildPathGraph({ id: jewel.id, name: jewel.name }, reachers.rows.map((r) => r.path), highlight) : null;
  const base = new URLSearchParams(ctx.query);
  base.set("layer", "paths");
  if (jewel) base.set("jewel", jewel.id);

  return (
    <>
      <PageHeader
        title="Access graph"
        subtitle={
          jewel ? (
            <>
              Paths layer: the {reachers && reachers.total > LAYER_REACHERS ? `${LAYER_REACHERS} cheapest of ${reachers.total.toLocaleString("en")}` : (reachers?.total ?? 0)} identities with a path to{" "}
              <a className="font-medium text-indigo-700 hover:underline" href={hrefWith(ctx, `/crown-jewels/${encodeURIComponent(jewel.id)}`)}>
                {jewel.name}
              </a>
              , step by step.
            </>
          ) : (
            "Paths layer: identities with a path to a crown jewel."
          )
        }
        actions={
          <form method="get" action="/graph" className="flex items-center gap-2" aria-label="Choose a crown jewel">
            {[...new URLSearchParams(ctx.query)].map(([k, v]) => (
              <input key={k} type="hidden" name={k} value={v} />
            ))}
            <input type="hidden" name="layer" value="paths" />
            <label htmlFor="paths-jewel" className="text-sm text-slate-600">
              Crown jewel
            </label>
            <select id="paths-jewel" name="jewel" defaultValue={jewel?.id} className="max-w-72 rounded-md border border-slate-300 px-2 py-1.5 text-sm">
              {jewels.map((j) => (
                <option key={j.id} value={j.id}>
                  {j.name} ({j.tier}, {j.reacherCount.toLocaleString("en")} with a path)
                </option>
              ))}
            </select>
            <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
              Show
            </button>
            <a className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-50" href={hrefWith(ctx, "/graph")}>
              Bindings and roles
            </a>
          </form>
        }
      />
      {!parsed.success ? <ErrorState title="Some of the layer's parameters are invalid">{describeIssues(parsed.error)}</ErrorState> : null}
      {q.path && jewel && !highlight ? (
        <ErrorState title="That path is not in this snapshot">
          {q.path} has no {q.rank ? `alternative ${q.rank}` : "path"} to {jewel.name} in snapshot #{snap.id}.
        </ErrorState>
      ) : null}
      {jewels.length === 0 ? (
        <EmptyState title="No crown jewels in this snapshot">
          <p>It was stored before attack paths were computed, or the cluster has none. Collect it again, or designate crown jewels under Administration.</p>
        </EmptyState>
      ) : !jewel ? (
        <EmptyState title="That crown jewel is not in this snapshot">
          <p>Choose one of the snapshot&apos;s crown jewels above.</p>
        </EmptyState>
      ) : !graph || reachers!.total === 0 ? (
        <EmptyState title={`No identity has a path to ${jewel.name}`}>
          <p>Nothing anybody can do, directly or step by step, reaches it. Choose another crown jewel above.</p>
        </EmptyState>
      ) : (
        <AttackPathGraphLoader key={`${jewel.id}|${highlight ? `${highlight.identityId}#${highlight.rank}` : ""}`} graph={graph} baseQuery={base.toString()} />
      )}
    </>
  );
}

import type { IdentityAttackPaths, StoredAttackPath, StoredCrownJewel } from "@/lib/store";
import { Card } from "@/components/ui/card";
import { AttackPathSteps, PathLength, PathSummary, TierBadge } from "./attack-path-steps";

/**
 * The identity page's "Paths to crown jewels": blast radius numbers, then per crown jewel the cheapest path (every
 * step in words with its evidence) and the alternatives. `computed` is false for a snapshot stored before attack
 * paths existed.
 */
export function IdentityPathsSection({
  data,
  computed,
  holder,
  jewelHref,
  graphHref,
}: {
  data: IdentityAttackPaths | null;
  computed: boolean;
  holder: string;
  jewelHref: (jewelId: string) => string;
  graphHref: (jewelId: string, rank: number) => string;
}) {
  const b = data?.blastRadius;
  const byJewel = new Map<string, StoredAttackPath[]>();
  for (const p of data?.paths ?? []) {
    const list = byJewel.get(p.jewelId) ?? [];
    list.push(p);
    byJewel.set(p.jewelId, list);
  }
  const jewels = new Map<string, StoredCrownJewel>((data?.jewels ?? []).map((j) => [j.id, j]));
  return (
    <Card title={`Paths to crown jewels (${byJewel.size})`} id="paths" className="mt-4">
      {!computed ? (
        <p className="text-sm text-slate-600">This snapshot was stored before Palisade computed attack paths. Collect the cluster again to see them.</p>
      ) : (
        <>
          <dl className="grid grid-cols-4 gap-3" data-testid="blast-radius">
            {[
              ["Crown jewels reached", b?.crownJewels ?? 0],
              ["Namespaces reached", b?.namespaces ?? 0],
              ["Service accounts it can act as", b?.serviceAccounts ?? 0],
              ["Cloud identities", b?.cloudIdentities ?? 0],
            ].map(([label, value]) => (
              <div key={label as string} className="rounded-md bg-slate-50 px-3 py-2">
                <dt className="text-xs text-slate-600">{label}</dt>
                <dd className="text-xl font-semibold tabular-nums text-slate-900">{(value as number).toLocaleString("en")}</dd>
              </div>
            ))}
          </dl>
          {b && b.namespaceNames.length ? (
            <p className="mt-2 text-xs text-slate-600">
              Blast radius: {b.namespaceNames.join(", ")}
              {b.namespaces > b.namespaceNames.length ? ` and ${(b.namespaces - b.namespaceNames.length).toLocaleString("en")} more namespaces` : ""}.
            </p>
          ) : null}
          {byJewel.size === 0 ? (
            <p className="mt-3 text-sm text-slate-600">No path to any crown jewel: nothing this identity can do, directly or step by step, reaches one.</p>
          ) : (
            <ul className="mt-3 divide-y divide-slate-100" data-testid="identity-paths">
              {[...byJewel].map(([jewelId, paths]) => {
                const jewel = jewels.get(jewelId);
                const best = paths.find((p) => p.rank === 0) ?? paths[0]!;
                return (
                  <li key={jewelId} className="py-3" data-testid="identity-path">
                    <div className="flex flex-wrap items-center gap-2">
                      <a className="font-medium text-indigo-700 hover:underline" href={jewelHref(jewelId)}>
                        {jewel?.name ?? jewelId}
                      </a>
                      {jewel ? <TierBadge tier={jewel.tier} /> : null}
                      <PathLength steps={best.steps.length} cost={best.cost} />
                      <a className="ml-auto text-xs text-indigo-700 hover:underline" href={graphHref(jewelId, best.rank)}>
                        Show in graph
                      </a>
                    </div>
                    <div className="mt-1">
                      <PathSummary path={best} />
                    </div>
                    <details className="mt-1">
                      <summary className="cursor-pointer text-sm text-indigo-700">Every step, with its evidence</summary>
                      <AttackPathSteps path={best} holder={holder} />
                    </details>
                    {paths
                      .filter((p) => p !== best)
                      .map((alt) => (
                        <details key={alt.rank} className="mt-1">
                          <summary className="cursor-pointer text-sm text-slate-700">
                            Alternative {alt.rank}: <PathLength steps={alt.steps.length} cost={alt.cost} /> — another first step
                          </summary>
                          <div className="mt-1 flex flex-wrap items-center gap-2">
                            <PathSummary path={alt} />
                            <a className="text-xs text-indigo-700 hover:underline" href={graphHref(jewelId, alt.rank)}>
                              Show in graph
                            </a>
                          </div>
                          <AttackPathSteps path={alt} holder={holder} />
                        </details>
                      ))}
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </Card>
  );
}

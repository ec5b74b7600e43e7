// Server-side only; see lib/store/client.ts.
//
// Crown-jewel selectors designated per cluster by admins (web app). Every collection of the cluster builds its
// attack graph with them (lib/pipeline), so they apply to each new snapshot.
import { crownJewelSelectorSchema, type CrownJewelSelector } from "@/lib/graph";
import { getPrisma } from "./client";

export interface StoredCrownJewelSelector {
  id: number;
  clusterId: number;
  kind: "Namespace" | "Workload" | "Secret";
  namespace: string | null;
  name: string | null;
  /** kubectl form (`app=db,tier in (gold,silver)`). */
  labelSelector: string | null;
  jewelName: string | null;
  tier: string | null;
  createdAt: Date;
  createdBy: string | null;
}

type Row = Omit<StoredCrownJewelSelector, "kind"> & { kind: string };

const toStored = (r: Row): StoredCrownJewelSelector => ({ ...r, kind: r.kind as StoredCrownJewelSelector["kind"] });

/** The lib/graph selector a stored one stands for (what buildAttackGraph takes). */
export function toGraphSelector(s: Pick<StoredCrownJewelSelector, "kind" | "namespace" | "name" | "labelSelector" | "jewelName" | "tier">): CrownJewelSelector {
  return {
    kind: s.kind,
    ...(s.namespace ? { namespace: s.namespace } : {}),
    ...(s.name ? { name: s.name } : {}),
    ...(s.labelSelector ? { labelSelector: s.labelSelector } : {}),
    ...(s.jewelName ? { jewelName: s.jewelName } : {}),
    ...(s.tier ? { tier: s.tier } : {}),
  };
}

/** A cluster's selectors, oldest first (the order lib/graph numbers unnamed selector jewels in). */
export async function listCrownJewelSelectors(clusterId: number): Promise<StoredCrownJewelSelector[]> {
  const prisma = await getPrisma();
  const rows = await prisma.crownJewelSelector.findMany({ where: { clusterId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(toStored);
}

/** The selectors of the cluster named `clusterName`, as lib/graph takes them; none when the cluster does not exist yet. */
export async function crownJewelSelectorsFor(cluster: { id: number } | { name: string }): Promise<CrownJewelSelector[]> {
  const prisma = await getPrisma();
  const rows = await prisma.crownJewelSelector.findMany({
    where: "id" in cluster ? { clusterId: cluster.id } : { cluster: { name: cluster.name.trim() } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => toGraphSelector(toStored(r)));
}

/**
 * Adds a selector to a cluster. The input is validated with lib/graph's schema (callers validate form input first;
 * this is the last line). Throws when the cluster does not exist.
 */
export async function addCrownJewelSelector(clusterId: number, input: CrownJewelSelector, createdBy: string | null): Promise<StoredCrownJewelSelector> {
  const s = crownJewelSelectorSchema.parse(input);
  if (s.labelSelector !== undefined && typeof s.labelSelector !== "string") throw new Error("store label selectors in their kubectl string form");
  const prisma = await getPrisma();
  const row = await prisma.crownJewelSelector.create({
    data: {
      clusterId,
      kind: s.kind,
      namespace: s.namespace ?? null,
      name: s.name ?? null,
      labelSelector: s.labelSelector ?? null,
      jewelName: s.jewelName ?? null,
      tier: s.tier ?? null,
      createdBy,
    },
  });
  return toStored(row);
}

/** Deletes one selector; returns it, or null when it did not exist. */
export async function deleteCrownJewelSelector(id: number): Promise<StoredCrownJewelSelector | null> {
  const prisma = await getPrisma();
  const found = await prisma.crownJewelSelector.findUnique({ where: { id } });
  if (!found) return null;
  await prisma.crownJewelSelector.delete({ where: { id } });
  return toStored(found);
}

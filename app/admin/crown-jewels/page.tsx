import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guard";
import { listClusters, listCrownJewelSelectors, type StoredCrownJewelSelector } from "@/lib/store";
import { AddSelectorForm, DeleteSelectorButton } from "./selectors-client";

export const metadata: Metadata = { title: "Crown jewels — Palisade" };
export const dynamic = "force-dynamic";

const fmt = (d: Date) => d.toISOString().replace("T", " ").slice(0, 16);

/** "secrets in payments named db, matching app=db". */
function describe(s: StoredCrownJewelSelector): string {
  const parts = [s.kind === "Workload" ? "workloads" : s.kind === "Secret" ? "secrets" : "namespaces"];
  if (s.namespace) parts.push(`in ${s.namespace}`);
  if (s.name) parts.push(`named ${s.name}`);
  if (s.labelSelector) parts.push(`matching ${s.labelSelector}`);
  return parts.join(" ");
}

export default async function CrownJewelSelectorsPage() {
  await requireUser("admin");
  const clusters = await listClusters();
  const selectors = await Promise.all(clusters.map(async (c) => ({ cluster: c, rows: await listCrownJewelSelectors(c.id) })));
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
      <section aria-labelledby="selectors-heading">
        <h2 id="selectors-heading" className="text-lg font-medium">
          Crown-jewel selectors
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Besides the built-in crown jewels (cluster-admin, nodes, kube-system&apos;s secrets, cloud identities) and objects labelled{" "}
          <code className="rounded bg-slate-100 px-1">palisade.io/crown-jewel=true</code>, these selectors designate what matters in each cluster. Every collection
          of the cluster applies them, and stores who can reach each crown jewel and how.
        </p>
        {clusters.length === 0 ? <p className="mt-4 text-sm text-slate-600">No cluster has been collected yet.</p> : null}
        {selectors.map(({ cluster, rows }) => (
          <div key={cluster.id} className="mt-5" data-testid={`selectors-${cluster.name}`}>
            <h3 className="text-sm font-semibold text-slate-800">{cluster.name}</h3>
            <table className="mt-2 w-full text-left text-sm [&_td]:pr-4 [&_th]:pr-4">
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-2">Selects</th>
                  <th>Crown jewel</th>
                  <th>Tier</th>
                  <th>Added</th>
                  <th className="sr-only">Actions</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {rows.length === 0 ? (
                  <tr>
                    <td colSpan={5} className="py-3 text-slate-500">
                      No selectors: only built-in and labelled crown jewels.
                    </td>
                  </tr>
                ) : null}
                {rows.map((s) => (
                  <tr key={s.id} data-testid="selector-row">
                    <td className="py-2">{describe(s)}</td>
                    <td className="py-2">{s.jewelName ?? <span className="text-slate-500">(named after the selector)</span>}</td>
                    <td className="py-2">{s.tier ?? "tier-1"}</td>
                    <td className="py-2">
                      {fmt(s.createdAt)}
                      <div className="text-xs text-slate-500">{s.createdBy ?? ""}</div>
                    </td>
                    <td className="py-2">
                      <DeleteSelectorButton id={s.id} description={describe(s)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>
      <section aria-labelledby="add-selector-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="add-selector-heading" className="text-lg font-medium">
          Add a selector
        </h2>
        {clusters.length ? <AddSelectorForm clusters={clusters.map((c) => ({ id: c.id, name: c.name }))} defaultClusterId={clusters.find((c) => c.current)?.id} /> : <p className="mt-2 text-sm text-slate-600">Collect a cluster first.</p>}
      </section>
    </div>
  );
}

import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guard";
import { graphQuerySchema } from "@/lib/schemas/graph";
import { describeIssues, queryObject } from "@/lib/schemas/query";
import { listIdentities } from "@/lib/store";
import { listNamespaceNames } from "@/lib/store/lookups";
import { identityNodeId, namespaceNodeId } from "@/lib/view/access-graph";
import { loadAccessGraph } from "@/app/_lib/access-graph";
import { hrefWith, resolveSnapshot } from "@/app/_lib/snapshot-context";
import { GraphLoader } from "@/components/graph/graph-loader";
import { PathsLayer } from "./paths-layer";
import { SnapshotBar } from "@/components/snapshot/snapshot-bar";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState, ErrorState, NoSnapshot } from "@/components/ui/states";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Access graph · Palisade" };

export default async function GraphPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser();
  const raw = queryObject(await searchParams);
  const parsed = graphQuerySchema.safeParse(raw);
  const q = parsed.success ? parsed.data : {};
  const find = typeof raw.find === "string" ? raw.find.trim().slice(0, 200) : "";
  const ctx = await resolveSnapshot({ cluster: q.cluster, snapshot: q.snapshot });
  const snap = ctx.snapshot;
  if (!snap) {
    return (
      <>
        <PageHeader title="Access graph" />
        <NoSnapshot reason={ctx.notFound ? `Cannot show ${ctx.notFound}` : undefined} />
      </>
    );
  }
  // The paths layer: identities with a path to one crown jewel (./paths-layer.tsx).
  if (raw.layer === "paths") return <PathsLayer ctx={{ ...ctx, snapshot: snap }} raw={raw} />;

  // Start from the focus asked for; by default from the riskiest of the organisation's own identities.
  let focus = q.focus;
  if (!focus) {
    const top = await listIdentities(snap.id, { builtIn: false, sort: "score", pageSize: 1 });
    focus = top.rows[0] && top.rows[0].riskScore > 0 ? identityNodeId(top.rows[0].id) : "overview";
  }
  const [graph, found, namespaces] = await Promise.all([
    loadAccessGraph(snap.id, focus),
    find ? listIdentities(snap.id, { q: find, pageSize: 8 }) : Promise.resolve(null),
    find ? listNamespaceNames(snap.id) : Promise.resolve([]),
  ]);
  const nsMatches = namespaces.filter((n) => n.includes(find.toLowerCase())).slice(0, 8);
  const focusLabel = graph?.nodes.find((n) => n.id === graph.focus);

  return (
    <>
      <PageHeader
        title="Access graph"
        subtitle={
          graph?.focus === "overview" ? "All namespaces. Click one to open it, or start from an identity." : focusLabel ? <>Around {focusLabel.detail ? `${focusLabel.detail.split(" · ")[0]} ` : ""}<strong className="font-medium text-slate-800">{focusLabel.label}</strong>: who is bound by what, granting which role, where.</> : undefined
        }
        actions={
          <form method="get" action="/graph" className="flex items-center gap-2" role="search" aria-label="Start the graph from">
            {ctx.query
              ? ctx.query.split("&").map((kv) => {
                  const [k, v] = kv.split("=");
                  return <input key={k} type="hidden" name={k} value={decodeURIComponent(v ?? "")} />;
                })
              : null}
            <label htmlFor="graph-find" className="text-sm text-slate-600">
              Start from
            </label>
            <input id="graph-find" name="find" type="search" defaultValue={find} placeholder="identity or namespace" className="w-56 rounded-md border border-slate-300 px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-indigo-600" />
            <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
              Find
            </button>
            <a className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-50" href={hrefWith(ctx, "/graph", { focus: "overview" })}>
              All namespaces
            </a>
            <a className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-50" href={hrefWith(ctx, "/graph", { layer: "paths" })}>
              Paths to crown jewels
            </a>
          </form>
        }
      />
      <SnapshotBar ctx={ctx} showGaps={false} />
      {!parsed.success ? <ErrorState title="That focus is not a graph node">{describeIssues(parsed.error)}</ErrorState> : null}
      {find ? (
        <div className="mb-4 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm" data-testid="graph-find-results">
          {found && (found.total > 0 || nsMatches.length > 0) ? (
            <ul className="flex flex-wrap gap-2">
              {nsMatches.map((n) => (
                <li key={n}>
                  <a className="rounded-full bg-indigo-50 px-2.5 py-1 text-indigo-900 ring-1 ring-inset ring-indigo-200 hover:bg-indigo-100" href={hrefWith(ctx, "/graph", { focus: namespaceNodeId(n) })}>
                    namespace {n}
                  </a>
                </li>
              ))}
              {found.rows.map((r) => (
                <li key={r.id}>
                  <a className="rounded-full bg-slate-50 px-2.5 py-1 text-slate-900 ring-1 ring-inset ring-slate-300 hover:bg-slate-100" href={hrefWith(ctx, "/graph", { focus: identityNodeId(r.id) })}>
                    {r.kind === "ServiceAccount" ? `${r.namespace}/${r.name}` : `${r.kind} ${r.name}`}
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-600">Nothing matches &ldquo;{find}&rdquo;.</p>
          )}
        </div>
      ) : null}
      {graph ? (
        <GraphLoader initial={graph} snapshotId={snap.id} selectionQuery={ctx.query} />
      ) : (
        <EmptyState title="That node is not in this snapshot">
          <p>
            It may have been removed. <a className="text-indigo-700 hover:underline" href={hrefWith(ctx, "/graph", { focus: "overview" })}>Start from all namespaces</a> instead.
          </p>
        </EmptyState>
      )}
    </>
  );
}

import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guard";
import { formatSubject } from "@/lib/report/text";
import { crownJewelDetailQuerySchema, jewelIdSchema } from "@/lib/schemas/crown-jewels";
import { queryObject } from "@/lib/schemas/query";
import { listCrownJewelExposure, listJewelReachers } from "@/lib/store";
import { decodeIdentityParam } from "@/app/_lib/identity-param";
import { hrefWith, resolveSnapshot } from "@/app/_lib/snapshot-context";
import { AttackPathSteps, PathLength, PathSummary, TierBadge } from "@/components/attack-paths/attack-path-steps";
import { ReacherChange } from "@/components/attack-paths/reacher-change";
import { SnapshotBar } from "@/components/snapshot/snapshot-bar";
import { Card } from "@/components/ui/card";
import { BuiltInTag, IdentityName } from "@/components/ui/identity-label";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState, ErrorState, NoSnapshot } from "@/components/ui/states";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const id = decodeIdentityParam((await params).id);
  return { title: `${id.replace(/^jewel:(name:|selector:)?/, "")} · Crown jewels · Palisade` };
}

const CHOKE_KIND: Record<string, string> = {
  binding: "Binding",
  workload: "Workload",
  namespace: "Namespace",
  serviceAccount: "Service account",
  secret: "Secret",
  awsAuthMapping: "aws-auth mapping",
};

export default async function CrownJewelPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  await requireUser();
  const id = decodeIdentityParam((await params).id);
  const q = crownJewelDetailQuerySchema.safeParse(queryObject(await searchParams));
  const query = q.success ? q.data : {};
  const ctx = await resolveSnapshot(query);
  const snap = ctx.snapshot;
  const crumbs = (
    <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
      <a className="hover:underline" href={hrefWith(ctx, "/crown-jewels")}>
        Crown jewels
      </a>
    </nav>
  );
  if (!jewelIdSchema.safeParse(id).success) {
    return (
      <>
        {crumbs}
        <PageHeader title="Crown jewel" />
        <ErrorState title={`"${id}" is not a crown-jewel id`}>Crown-jewel ids look like jewel:cluster-admin or jewel:name:Payments ledger database.</ErrorState>
      </>
    );
  }
  if (!snap) {
    return (
      <>
        {crumbs}
        <PageHeader title="Crown jewel" />
        <NoSnapshot reason={ctx.notFound ? `Cannot show ${ctx.notFound}` : undefined} />
      </>
    );
  }
  const pageSize = query.pageSize ?? 25;
  const [found, exposure] = await Promise.all([listJewelReachers(snap.id, id, { page: query.page ?? 1, pageSize }), listCrownJewelExposure(snap.id)]);
  if (!found) {
    return (
      <>
        {crumbs}
        <PageHeader title={id} />
        <SnapshotBar ctx={ctx} showGaps={false} />
        <EmptyState title="This crown jewel is not in the selected snapshot">
          <p>
            It may have been removed, or it is designated in another cluster.{" "}
            <a className="text-indigo-700 hover:underline" href={hrefWith(ctx, "/crown-jewels")}>
              See this snapshot&apos;s crown jewels
            </a>
            .
          </p>
        </EmptyState>
      </>
    );
  }
  const { jewel, rows, total, page } = found;
  const exposed = exposure.jewels.find((j) => j.id === jewel.id);
  const graphHref = (identityId?: string) => hrefWith(ctx, "/graph", { layer: "paths", jewel: jewel.id, path: identityId });

  return (
    <>
      {crumbs}
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            <span>{jewel.name}</span>
            <TierBadge tier={jewel.tier} />
          </span>
        }
        subtitle={jewel.reason}
        actions={
          <a className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-50" href={graphHref()}>
            Show its reachers in the graph
          </a>
        }
      />
      <SnapshotBar ctx={ctx} showGaps={false} />

      <div className="grid grid-cols-3 gap-4">
        <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <div className="text-xs font-medium uppercase tracking-wide text-slate-500">Identities with a path</div>
          <div className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid="jewel-reachers">
            {jewel.reacherCount.toLocaleString("en")}
          </div>
          <div className="mt-1">{exposed ? <ReacherChange jewel={exposed} hasPrevious={exposure.previousSnapshotId !== null} /> : null}</div>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <div className="text-xs font-medium uppercase tracking-wide text-slate-500">Cheapest path</div>
          <div className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{jewel.minSteps === null ? "none" : `${jewel.minSteps} step${jewel.minSteps === 1 ? "" : "s"}`}</div>
          <div className="mt-1 text-xs text-slate-600">{jewel.minCost === null ? "nobody reaches it" : `cost ${jewel.minCost} (see WEIGHTS.md: 1 ≈ one API call)`}</div>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <div className="text-xs font-medium uppercase tracking-wide text-slate-500">What it is</div>
          <ul className="mt-1 max-h-20 space-y-0.5 overflow-auto text-xs text-slate-700" data-testid="jewel-targets">
            {jewel.targets.map((t) => (
              <li key={t.id}>{t.label}</li>
            ))}
          </ul>
          {jewel.targetCount > jewel.targets.length ? <div className="text-xs text-slate-600">… and {(jewel.targetCount - jewel.targets.length).toLocaleString("en")} more</div> : null}
        </div>
      </div>

      <Card title={`Who can reach it (${total.toLocaleString("en")})`} id="reachers" className="mt-4" action={<span className="text-xs text-slate-600">cheapest path first, then fewest steps</span>}>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-600">No identity has a path to this crown jewel.</p>
        ) : (
          <>
            <ol className="divide-y divide-slate-100" data-testid="reachers">
              {rows.map((r) => (
                <li key={r.identity.id} className="py-3" data-testid="reacher">
                  <div className="flex flex-wrap items-center gap-3">
                    <span className="w-8 text-right font-mono text-xs text-slate-500">#{r.position + 1}</span>
                    <IdentityName kind={r.identity.kind} name={r.identity.name} namespace={r.identity.namespace} href={hrefWith(ctx, `/identities/${encodeURIComponent(r.identity.id)}`)} />
                    {r.identity.builtIn ? <BuiltInTag /> : null}
                    <PathLength steps={r.steps} cost={r.cost} />
                    <a className="ml-auto text-xs text-indigo-700 hover:underline" href={graphHref(r.identity.id)}>
                      Follow this path in the graph
                    </a>
                  </div>
                  <div className="mt-1 pl-11">
                    <PathSummary path={r.path} />
                    <details className="mt-1">
                      <summary className="cursor-pointer text-sm text-indigo-700">Every step, with its evidence</summary>
                      <AttackPathSteps path={r.path} holder={formatSubject({ kind: r.identity.kind, name: r.identity.name, namespace: r.identity.namespace ?? undefined })} />
                    </details>
                  </div>
                </li>
              ))}
            </ol>
            {total > pageSize ? (
              <div className="mt-3">
                <Pagination page={page} pageSize={pageSize} total={total} hrefFor={(p) => hrefWith(ctx, `/crown-jewels/${encodeURIComponent(jewel.id)}`, { page: p, pageSize: query.pageSize })} />
              </div>
            ) : null}
          </>
        )}
      </Card>

      <Card title="Choke points" id="choke-points" className="mt-4" action={<span className="text-xs text-slate-600">what to remove to cut the most cheapest paths</span>}>
        {jewel.chokePoints.length === 0 ? (
          <p className="text-sm text-slate-600">{jewel.reacherCount === 0 ? "Nobody reaches this crown jewel: nothing to cut." : "No single binding or workload lies on these paths."}</p>
        ) : (
          <table className="w-full text-sm" data-testid="choke-points">
            <thead>
              <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
                <th scope="col" className="pb-2 font-medium">What</th>
                <th scope="col" className="pb-2 text-right font-medium">Paths cut</th>
                <th scope="col" className="pb-2 pl-4 font-medium">Fix</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {jewel.chokePoints.map((c) => (
                <tr key={`${c.kind}|${c.ref}`} className="align-top">
                  <td className="py-2 pr-3">
                    <div className="text-xs text-slate-500">{CHOKE_KIND[c.kind] ?? c.kind}</div>
                    <div className="break-all font-mono text-xs text-slate-900">{c.ref}</div>
                  </td>
                  <td className="py-2 text-right font-mono tabular-nums">
                    {c.pathsCut} of {jewel.reacherCount}
                  </td>
                  <td className="py-2 pl-4 text-slate-800">{c.fix}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}

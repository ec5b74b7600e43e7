import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guard";
import { getRule } from "@/lib/rules";
import { identityDetailQuerySchema, identityIdSchema } from "@/lib/schemas/identities";
import { queryObject } from "@/lib/schemas/query";
import { getAttackGraphSummary, getIdentity, getIdentityAttackPaths } from "@/lib/store";
import { formatSubject } from "@/lib/report/text";
import { listAwsAuthMappings } from "@/lib/store/lookups";
import { identityNodeId } from "@/lib/view/access-graph";
import { cliSourcePaths } from "@/lib/view/can-i-command";
import { bindingLabel, compactMatrix, roleLabel, subjectLabel, toGrantViews } from "@/lib/view/grant-view";
import { buildPermissionMatrix } from "@/lib/view/permission-matrix";
import { decodeIdentityParam } from "@/app/_lib/identity-param";
import { hrefWith, resolveSnapshot } from "@/app/_lib/snapshot-context";
import { PermissionMatrix } from "@/components/identity/permission-matrix";
import { IdentityPathsSection } from "@/components/attack-paths/identity-paths";
import { SnapshotBar } from "@/components/snapshot/snapshot-bar";
import { Card } from "@/components/ui/card";
import { BuiltInTag, KindTag } from "@/components/ui/identity-label";
import { PageHeader } from "@/components/ui/page-header";
import { RiskScore, SeverityBadge } from "@/components/ui/severity";
import { EmptyState, ErrorState, NoSnapshot } from "@/components/ui/states";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `${decodeIdentityParam((await params).id)} · Palisade` };
}

const FLAG_LABELS: [keyof import("@/lib/k8s/types").PodSecuritySummary, string][] = [
  ["privileged", "privileged"],
  ["hostPID", "hostPID"],
  ["hostNetwork", "hostNetwork"],
  ["hostIPC", "hostIPC"],
  ["runAsRoot", "runs as root"],
  ["allowPrivilegeEscalation", "privilege escalation"],
];

export default async function IdentityPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  await requireUser();
  const id = decodeIdentityParam((await params).id);
  const sel = identityDetailQuerySchema.safeParse(queryObject(await searchParams));
  const ctx = await resolveSnapshot(sel.success ? sel.data : {});
  const snap = ctx.snapshot;
  const validId = identityIdSchema.safeParse(id);
  if (!validId.success) {
    return (
      <>
        <PageHeader title="Identity" />
        <ErrorState title={`"${id}" is not an identity id`}>Identity ids look like User:alice, Group:devs or ServiceAccount:payments:api.</ErrorState>
      </>
    );
  }
  if (!snap) {
    return (
      <>
        <PageHeader title={id} />
        <NoSnapshot reason={ctx.notFound ? `Cannot show ${ctx.notFound}` : undefined} />
      </>
    );
  }
  const [identity, awsAuth, attackPaths, attackGraph] = await Promise.all([getIdentity(snap.id, id), listAwsAuthMappings(snap.id), getIdentityAttackPaths(snap.id, id), getAttackGraphSummary(snap.id)]);
  if (!identity) {
    return (
      <>
        <PageHeader title={id} />
        <SnapshotBar ctx={ctx} showGaps={false} />
        <EmptyState title="This identity is not in the selected snapshot">
          <p>No binding names it and no such service account exists in snapshot #{snap.id}. It may have been removed, or it exists only in another cluster.</p>
          <p className="mt-2">
            <a className="text-indigo-700 hover:underline" href={hrefWith(ctx, "/identities", { q: id.split(":").pop() })}>
              Search the identities
            </a>
          </p>
        </EmptyState>
      </>
    );
  }

  const matrix = compactMatrix(buildPermissionMatrix(identity.grants));
  const grantViews = toGrantViews(identity.grants);
  const explicitGroups = identity.kind === "User" ? [...new Set(awsAuth.filter((m) => m.username === identity.name).flatMap((m) => m.groups))] : [];
  const from = cliSourcePaths(snap);
  const sa = identity.serviceAccount;
  const irsa = sa?.annotations["eks.amazonaws.com/role-arn"];
  const groupHref = (g: string) => hrefWith(ctx, `/identities/${encodeURIComponent(`Group:${g}`)}`);

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        <a className="hover:underline" href={hrefWith(ctx, "/identities")}>
          Identities
        </a>{" "}
        / <span className="text-slate-800">{identity.namespace ? `${identity.namespace}/${identity.name}` : identity.name}</span>
      </nav>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            <KindTag kind={identity.kind} />
            <span>
              {identity.namespace ? <span className="text-slate-500">{identity.namespace}/</span> : null}
              {identity.name}
            </span>
            {identity.builtIn ? <BuiltInTag /> : null}
          </span>
        }
        subtitle={
          <span className="flex flex-wrap items-center gap-3">
            <span>{identity.kind === "ServiceAccount" ? "Service account" : identity.kind}</span>
            <RiskScore score={identity.riskScore} level={identity.riskLevel} />
            {identity.overPermissive ? <span className="rounded bg-red-100 px-2 py-0.5 text-xs font-medium text-red-900">over-permissive</span> : null}
            {!identity.exists ? <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">service account does not exist</span> : null}
          </span>
        }
        actions={
          <>
            <a className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-50" href={hrefWith(ctx, "/graph", { focus: identityNodeId(identity.id) })}>
              Open in access graph
            </a>
          </>
        }
      />
      <SnapshotBar ctx={ctx} showGaps={false} />

      <div className="grid grid-cols-3 gap-4">
        <Card title="Identity" id="identity" className="col-span-1">
          <dl className="space-y-3 text-sm">
            <div>
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Authenticates as</dt>
              <dd className="mt-0.5 break-all font-mono text-xs">{identity.kind === "Group" ? "(a group: members are users or service accounts)" : (identity.username ?? identity.name)}</dd>
            </div>
            {identity.kind !== "Group" ? (
              <>
                <div>
                  <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Implicit groups</dt>
                  <dd className="mt-1 flex flex-wrap gap-1">
                    {identity.groups.length ? identity.groups.map((g) => <GroupChip key={g} name={g} href={groupHref(g)} />) : <span className="text-slate-500">none</span>}
                  </dd>
                </div>
                <div>
                  <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Explicit groups</dt>
                  <dd className="mt-1 flex flex-wrap gap-1">
                    {explicitGroups.length ? (
                      explicitGroups.map((g) => <GroupChip key={g} name={g} href={groupHref(g)} />)
                    ) : (
                      <span className="text-xs text-slate-600">{identity.kind === "ServiceAccount" ? "none: service accounts only have the implicit groups" : "come from the identity provider at sign-in; not visible in RBAC data (aws-auth maps none for this user)"}</span>
                    )}
                  </dd>
                </div>
              </>
            ) : null}
            {sa ? (
              <div>
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Service account</dt>
                <dd className="mt-0.5 text-xs text-slate-700">
                  token automount: {sa.automountServiceAccountToken === false ? "off" : "on (default)"}
                  {sa.secrets.length ? <div>legacy token secrets: {sa.secrets.join(", ")}</div> : null}
                  {irsa ? (
                    <div className="mt-1">
                      cloud role (IRSA): <code className="break-all">{irsa}</code>
                    </div>
                  ) : null}
                </dd>
              </div>
            ) : null}
          </dl>
        </Card>
        <Card title="Risk" id="risk" className="col-span-2">
          {identity.riskReasons.length ? (
            <ul className="list-disc space-y-1 pl-5 text-sm text-slate-800" data-testid="risk-reasons">
              {identity.riskReasons.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">No findings: nothing this identity can do matches a risk rule.</p>
          )}
          <p className="mt-3 text-xs text-slate-600">
            Score {identity.riskScore}/100 from its findings and those of its groups (see “Identity risk score” in the README). {identity.grantCount} effective permission rules, {identity.findingCount} findings of its own.
          </p>
        </Card>
      </div>

      <IdentityPathsSection
        data={attackPaths}
        computed={attackGraph !== null}
        holder={formatSubject({ kind: identity.kind, name: identity.name, namespace: identity.namespace ?? undefined })}
        jewelHref={(jewel) => hrefWith(ctx, `/crown-jewels/${encodeURIComponent(jewel)}`)}
        graphHref={(jewel, rank) => hrefWith(ctx, "/graph", { layer: "paths", jewel, path: identity.id, rank: rank || undefined })}
      />

      <Card title="Effective permissions" id="permissions" className="mt-4">
        <PermissionMatrix scopes={matrix} grants={grantViews} identity={{ kind: identity.kind, name: identity.name, namespace: identity.namespace }} from={from} identityId={identity.id} />
      </Card>

      <Card title={`Findings (${identity.findings.length})`} id="findings" className="mt-4">
        {identity.findings.length === 0 ? (
          <p className="text-sm text-slate-600">No findings of its own. {identity.riskReasons.some((r) => r.startsWith("Through group")) ? "Its risk comes from its groups: open them above." : ""}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {identity.findings.map((f) => {
              const rule = getRule(f.ruleId);
              return (
                <li key={f.id} className="py-3">
                  <div className="flex flex-wrap items-center gap-2">
                    <SeverityBadge level={f.severity} />
                    <span className="font-medium text-slate-900">{rule?.title ?? f.ruleId}</span>
                    <a className="font-mono text-xs text-indigo-700 hover:underline" href={hrefWith(ctx, "/findings") + `#rule-${f.ruleId}`}>
                      {f.ruleId}
                    </a>
                    <span className="text-xs text-slate-600">{f.namespace ? `in ${f.namespace}` : "cluster-wide"}</span>
                    {f.byDesign ? <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] text-slate-700">by design</span> : null}
                  </div>
                  <p className="mt-1 text-sm text-slate-800">{f.message}</p>
                  {f.evidence.length ? (
                    <ul className="mt-1 space-y-0.5 text-xs text-slate-700">
                      {f.evidence.slice(0, 5).map((e, i) => (
                        <li key={i}>
                          {e.via.kind !== identity.kind || e.via.name !== identity.name ? <>through {subjectLabel(e.via)}: </> : null}
                          {bindingLabel(e.binding)} → {roleLabel(e.role)}, rule #{e.ruleIndex} ({e.verbs.join(", ")} {e.resources.join(", ")})
                        </li>
                      ))}
                      {f.evidence.length > 5 ? <li>…and {f.evidence.length - 5} more grants</li> : null}
                    </ul>
                  ) : null}
                  {rule ? (
                    <details className="mt-1 text-sm">
                      <summary className="cursor-pointer text-indigo-700">Remediation</summary>
                      <p className="mt-1 text-slate-700">{rule.remediation}</p>
                    </details>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </Card>

      {identity.kind === "ServiceAccount" ? (
        <Card title={`Workloads running as this service account (${identity.workloadTotal})`} id="workloads" className="mt-4">
          {identity.workloads.length === 0 ? (
            <p className="text-sm text-slate-600">No workload in the snapshot runs as this service account.</p>
          ) : (
            <table className="w-full text-sm">
              <thead>
                <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
                  <th scope="col" className="pb-2 font-medium">Workload</th>
                  <th scope="col" className="pb-2 font-medium">Node</th>
                  <th scope="col" className="pb-2 font-medium">Pod security</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {identity.workloads.map((w) => {
                  const flags = FLAG_LABELS.filter(([k]) => w.security[k] === true).map(([, l]) => l);
                  if (w.security.hostPaths.length) flags.push(`host paths ${w.security.hostPaths.map((h) => h.path).join(", ")}`);
                  if (w.security.capabilities.length) flags.push(`caps ${w.security.capabilities.join(", ")}`);
                  return (
                    <tr key={`${w.kind}/${w.name}`}>
                      <td className="py-1.5 pr-3">
                        <span className="text-slate-500">{w.kind}</span> {w.name}
                      </td>
                      <td className="py-1.5 pr-3 text-slate-700">{w.nodeName ?? "—"}</td>
                      <td className="py-1.5 text-xs">
                        {flags.length ? <span className="text-red-800">{flags.join(" · ")}</span> : <span className="text-slate-600">nothing notable</span>}
                        {w.security.automountServiceAccountToken ? <span className="ml-2 text-slate-600">token mounted</span> : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {identity.workloadTotal > identity.workloads.length ? <p className="mt-2 text-xs text-slate-600">Showing {identity.workloads.length} of {identity.workloadTotal}.</p> : null}
        </Card>
      ) : null}

      <Card title={`Bindings (${identity.bindings.length})`} id="bindings" className="mt-4">
        {identity.bindings.length === 0 ? (
          <p className="text-sm text-slate-600">No binding names this identity or its groups.</p>
        ) : (
          <table className="w-full text-sm" data-testid="bindings-table">
            <thead>
              <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
                <th scope="col" className="pb-2 font-medium">Binding</th>
                <th scope="col" className="pb-2 font-medium">Grants role</th>
                <th scope="col" className="pb-2 font-medium">Names this identity</th>
                <th scope="col" className="pb-2 text-right font-medium">Subjects</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {identity.bindings.map((b) => {
                const direct = identity.bindingRefs.some((r) => r.kind === b.kind && r.name === b.name && (r.namespace ?? null) === b.namespace);
                return (
                  <tr key={`${b.kind}/${b.namespace}/${b.name}`}>
                    <td className="py-1.5 pr-3">{bindingLabel(b)}</td>
                    <td className="py-1.5 pr-3">{roleLabel({ kind: b.roleRef.kind, name: b.roleRef.name, namespace: b.roleRef.kind === "Role" ? b.namespace : null })}</td>
                    <td className="py-1.5 pr-3 text-xs text-slate-700">{direct ? "directly" : "through a group"}</td>
                    <td className="py-1.5 text-right font-mono tabular-nums" title={b.subjects.map(subjectLabel).join(", ")}>
                      {b.subjects.length}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}

function GroupChip({ name, href }: { name: string; href: string }) {
  return (
    <a href={href} className="rounded-full bg-teal-50 px-2 py-0.5 font-mono text-xs text-teal-900 ring-1 ring-inset ring-teal-200 hover:bg-teal-100">
      {name}
    </a>
  );
}

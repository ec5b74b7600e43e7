import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guard";
import { listApiTokens } from "@/lib/auth/tokens";
import { CreateTokenForm, RevokeTokenButton } from "./tokens-client";

export const metadata: Metadata = { title: "API tokens — Palisade" };
export const dynamic = "force-dynamic";

const fmt = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 16) : "—");

export default async function TokensPage() {
  await requireUser("admin");
  const tokens = await listApiTokens();
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" className="text-lg font-medium">
          API tokens
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          For machines: <code className="rounded bg-slate-100 px-1">palisade collect … --push https://palisade.example --token pal_…</code> needs the <em>ingest</em> scope; <em>read</em> allows read-only API calls.
        </p>
        <table className="mt-3 w-full text-left text-sm [&_td]:pr-4 [&_th]:pr-4">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2">Name</th>
              <th>Token</th>
              <th>Scopes</th>
              <th>Created</th>
              <th>Last used</th>
              <th>Expires</th>
              <th className="sr-only">Actions</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {tokens.length === 0 ? (
              <tr>
                <td colSpan={7} className="py-4 text-slate-500">
                  No tokens yet.
                </td>
              </tr>
            ) : null}
            {tokens.map((t) => (
              <tr key={t.id} data-testid={`token-row-${t.name}`} className={t.revokedAt ? "text-slate-400" : undefined}>
                <td className="py-2 font-medium">{t.name}</td>
                <td className="py-2 font-mono text-xs">{t.prefix}…</td>
                <td className="py-2">{t.scopes.join(", ")}</td>
                <td className="py-2">
                  {fmt(t.createdAt)}
                  <div className="text-xs text-slate-500">{t.createdBy ?? ""}</div>
                </td>
                <td className="py-2">
                  {fmt(t.lastUsedAt)}
                  {t.lastUsedIp ? <div className="text-xs text-slate-500">{t.lastUsedIp}</div> : null}
                </td>
                <td className="py-2">{fmt(t.expiresAt)}</td>
                <td className="py-2">{t.revokedAt ? <span className="text-xs">revoked {fmt(t.revokedAt)}</span> : <RevokeTokenButton id={t.id} name={t.name} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="create-token-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="create-token-heading" className="text-lg font-medium">
          Create a token
        </h2>
        <CreateTokenForm />
      </section>
    </div>
  );
}

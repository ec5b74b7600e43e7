import type { Metadata } from "next";
import Link from "next/link";
import { listAuditEvents } from "@/lib/auth/audit";
import { requireUser } from "@/lib/auth/guard";
import { auditQuerySchema, type AuditQuery } from "@/lib/schemas/auth";

export const metadata: Metadata = { title: "Audit log — Palisade" };
export const dynamic = "force-dynamic";

const input = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser("admin");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = auditQuerySchema.safeParse(raw);
  const query: AuditQuery = parsed.success ? parsed.data : {};
  const { events, total, page, pageSize } = await listAuditEvents(query);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const link = (p: number) => `/admin/audit?${new URLSearchParams({ ...Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== "").map(([k, v]) => [k, String(v)])), page: String(p) })}`;
  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading" className="text-lg font-medium">
        Audit log
      </h2>
      <form method="get" className="mt-3 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-6" role="search" aria-label="Filter audit events">
        <div className="sm:col-span-2">
          <label htmlFor="f-action" className="text-xs font-medium text-slate-600">
            Action (prefix)
          </label>
          <input id="f-action" name="action" defaultValue={query.action ?? ""} placeholder="auth. / user. / token." className={input} />
        </div>
        <div className="sm:col-span-2">
          <label htmlFor="f-actor" className="text-xs font-medium text-slate-600">
            Actor contains
          </label>
          <input id="f-actor" name="actor" defaultValue={query.actor ?? ""} className={input} />
        </div>
        <div>
          <label htmlFor="f-outcome" className="text-xs font-medium text-slate-600">
            Outcome
          </label>
          <select id="f-outcome" name="outcome" defaultValue={query.outcome ?? ""} className={input}>
            <option value="">any</option>
            <option value="success">success</option>
            <option value="failure">failure</option>
          </select>
        </div>
        <div />
        <div>
          <label htmlFor="f-from" className="text-xs font-medium text-slate-600">
            From
          </label>
          <input id="f-from" name="from" type="date" defaultValue={query.from ?? ""} className={input} />
        </div>
        <div>
          <label htmlFor="f-to" className="text-xs font-medium text-slate-600">
            To
          </label>
          <input id="f-to" name="to" type="date" defaultValue={query.to ?? ""} className={input} />
        </div>
        <div className="flex items-end gap-2 sm:col-span-2">
          <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500">
            Filter
          </button>
          <Link href="/admin/audit" className="text-sm text-slate-600 hover:underline">
            Clear
          </Link>
        </div>
      </form>
      {!parsed.success ? (
        <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          Filters ignored: {parsed.error.issues.map((i) => i.message).join("; ")}
        </p>
      ) : null}
      <p className="mt-3 text-sm text-slate-600">
        {total} event{total === 1 ? "" : "s"}
        {pages > 1 ? ` — page ${page} of ${pages}` : ""}
      </p>
      <table className="mt-2 w-full text-left text-sm [&_td]:pr-4 [&_th]:pr-4">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2">When (UTC)</th>
            <th>Action</th>
            <th>Actor</th>
            <th>Target</th>
            <th>From</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {events.map((e) => (
            <tr key={e.id} className="align-top">
              <td className="whitespace-nowrap py-1.5">{e.at.toISOString().replace("T", " ").slice(0, 19)}</td>
              <td className="py-1.5">
                <span className={e.outcome === "failure" ? "text-red-700" : undefined}>{e.action}</span>
              </td>
              <td className="py-1.5">{e.actor ?? "—"}</td>
              <td className="py-1.5">{e.target ?? "—"}</td>
              <td className="py-1.5">
                {e.ip ?? "—"}
                {e.userAgent ? (
                  <div className="max-w-[12rem] truncate text-xs text-slate-500" title={e.userAgent}>
                    {e.userAgent}
                  </div>
                ) : null}
              </td>
              <td className="max-w-xs py-1.5">
                <code className="block truncate text-xs text-slate-600" title={JSON.stringify(e.details)}>
                  {Object.keys(e.details).length ? JSON.stringify(e.details) : ""}
                </code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 ? (
        <nav aria-label="Pages" className="mt-4 flex gap-3 text-sm">
          {page > 1 ? <Link href={link(page - 1)}>← Newer</Link> : null}
          {page < pages ? <Link href={link(page + 1)}>Older →</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}

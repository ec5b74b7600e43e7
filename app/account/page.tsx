import type { Metadata } from "next";
import Link from "next/link";
import { currentSession, requireUser } from "@/lib/auth/guard";
import { SignOutButton } from "@/lib/auth/sign-out-button";
import { listUserSessions } from "@/lib/auth/sessions";
import { getUser } from "@/lib/auth/users";

export const metadata: Metadata = { title: "Your account — Palisade" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const user = await requireUser("viewer");
  const [row, sessions, current] = await Promise.all([getUser(user.id), listUserSessions(user.id), currentSession()]);
  return (
    <main className="mx-auto max-w-3xl px-6 py-10">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">Your account</h1>
        <SignOutButton />
      </div>
      <dl className="mt-6 grid grid-cols-1 gap-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:grid-cols-3">
        <div>
          <dt className="text-xs font-medium uppercase text-slate-500">Name</dt>
          <dd className="mt-1 text-sm">{user.name}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium uppercase text-slate-500">Email</dt>
          <dd className="mt-1 text-sm">{user.email}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium uppercase text-slate-500">Role</dt>
          <dd className="mt-1 text-sm capitalize">{user.role}</dd>
        </div>
      </dl>
      {row?.source === "local" ? (
        <p className="mt-4 text-sm">
          <Link href="/account/password" className="font-medium text-indigo-700 hover:underline">
            Change your password
          </Link>
        </p>
      ) : (
        <p className="mt-4 text-sm text-slate-600">You sign in through single sign-on; your role follows your identity-provider groups.</p>
      )}
      <h2 className="mt-10 text-lg font-medium">Active sessions</h2>
      <table className="mt-3 w-full text-left text-sm [&_td]:pr-4 [&_th]:pr-4">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2">Signed in</th>
            <th>Last active</th>
            <th>Address</th>
            <th>Browser</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {sessions.map((s) => (
            <tr key={s.idHash}>
              <td className="py-2">
                {s.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC{s.idHash === current?.idHash ? <span className="ml-2 rounded bg-indigo-50 px-1.5 text-xs text-indigo-700">this browser</span> : null}
              </td>
              <td>{s.lastSeenAt.toISOString().replace("T", " ").slice(0, 16)}</td>
              <td>{s.ip ?? "—"}</td>
              <td className="max-w-xs truncate" title={s.userAgent ?? ""}>
                {s.userAgent ?? "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}

import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guard";
import { listUsers } from "@/lib/auth/users";
import { CreateUserForm, UserRowActions } from "./users-client";

export const metadata: Metadata = { title: "Users — Palisade" };
export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const me = await requireUser("admin");
  const users = await listUsers();
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <section aria-labelledby="users-heading">
        <h2 id="users-heading" className="text-lg font-medium">
          Users ({users.length})
        </h2>
        <table className="mt-3 w-full text-left text-sm [&_td]:pr-4 [&_th]:pr-4">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2">User</th>
              <th>Sign-in</th>
              <th>Role</th>
              <th>Status</th>
              <th>Last sign-in</th>
              <th className="sr-only">Actions</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {users.map((u) => (
              <tr key={u.id} data-testid={`user-row-${u.email}`} className="align-top">
                <td className="py-2">
                  <div className="font-medium">{u.name}</div>
                  <div className="text-slate-500">{u.email}</div>
                </td>
                <td className="py-2">{u.source === "oidc" ? "SSO" : "password"}</td>
                <td className="py-2 capitalize">{u.role}</td>
                <td className="py-2">
                  {u.disabled ? <span className="rounded bg-red-50 px-1.5 py-0.5 text-xs text-red-700">disabled</span> : <span className="rounded bg-emerald-50 px-1.5 py-0.5 text-xs text-emerald-700">active</span>}
                  {u.mustChangePassword ? <div className="mt-1 text-xs text-amber-700">one-time password pending</div> : null}
                </td>
                <td className="py-2 text-slate-600">{u.lastLoginAt ? u.lastLoginAt.toISOString().replace("T", " ").slice(0, 16) : "never"}</td>
                <td className="py-2">{u.id === me.id ? <span className="text-xs text-slate-500">you</span> : <UserRowActions user={{ id: u.id, email: u.email, role: u.role, disabled: u.disabled, source: u.source }} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="create-user-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="create-user-heading" className="text-lg font-medium">
          Add a user
        </h2>
        <CreateUserForm />
      </section>
    </div>
  );
}

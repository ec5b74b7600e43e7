import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { FLASH_COOKIE } from "@/lib/auth/config";
import { currentUser, safeNextPath } from "@/lib/auth/guard";
import { activeOidcSettings } from "@/lib/auth/oidc";
import { ensureBootstrapAdmin } from "@/lib/auth/users";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in — Palisade" };
export const dynamic = "force-dynamic";

// Public page (the only one): proxy.ts and the route enumeration test allow /login without a session.
export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const next = safeNextPath(typeof sp.next === "string" ? sp.next : null) ?? "/";
  if (await currentUser()) redirect(next);
  // First run: creates the admin and prints its one-time password in the server log.
  await ensureBootstrapAdmin();
  const sso = await activeOidcSettings().catch(() => null);
  const flash = (await cookies()).get(FLASH_COOKIE)?.value;
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <h1 className="text-center text-2xl font-semibold tracking-tight">Sign in to Palisade</h1>
        <p className="mt-1 text-center text-sm text-slate-600">Kubernetes RBAC entitlement analysis</p>
        <div className="mt-8 space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          {flash ? (
            <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {flash.slice(0, 500)}
            </div>
          ) : null}
          {sso ? (
            <>
              <a
                href={`/api/auth/oidc/start?next=${encodeURIComponent(next)}`}
                className="flex w-full items-center justify-center rounded-md bg-slate-900 px-3 py-2 text-sm font-semibold text-white shadow-sm hover:bg-slate-700"
              >
                Sign in with single sign-on
              </a>
              <div className="flex items-center gap-3 text-xs text-slate-500" aria-hidden="true">
                <span className="h-px flex-1 bg-slate-200" />
                or with a Palisade password
                <span className="h-px flex-1 bg-slate-200" />
              </div>
            </>
          ) : null}
          <LoginForm next={next} />
        </div>
      </div>
    </main>
  );
}

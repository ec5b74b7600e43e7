import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { requireUser } from "@/lib/auth/guard";
import { SignOutButton } from "@/lib/auth/sign-out-button";
import { SidebarNav } from "@/components/layout/sidebar-nav";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <div className="flex min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow">
        Skip to content
      </a>
      {/* The dark column stretches with the page; the sidebar inside it stays in view while the page scrolls. */}
      <div className="w-56 flex-none bg-slate-900">
        <aside className="sticky top-0 flex h-screen flex-col px-3 py-5 text-slate-100">
          <Link href="/" className="flex items-center gap-2 px-3 focus-visible:outline-2 focus-visible:outline-indigo-300">
            <svg viewBox="0 0 24 24" className="h-6 w-6 text-indigo-300" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
              <path d="M4 21V8l4-4 4 4 4-4 4 4v13M8 21V12M16 21V12M4 14h16" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            <span className="text-lg font-semibold tracking-tight">Palisade</span>
          </Link>
          <Suspense fallback={null}>
            <SidebarNav />
          </Suspense>
          <div className="mt-auto border-t border-slate-800 px-3 pt-4 text-xs text-slate-300">
            <div className="truncate font-medium text-slate-100" title={user.email}>
              {user.name || user.email}
            </div>
            <div className="mt-0.5 capitalize">{user.role}</div>
            <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1">
              <Link href="/account" className="text-slate-300 underline-offset-2 hover:text-white hover:underline focus-visible:outline-2 focus-visible:outline-indigo-300">
                Account
              </Link>
              {user.role === "admin" ? (
                <Link href="/admin" className="text-slate-300 underline-offset-2 hover:text-white hover:underline focus-visible:outline-2 focus-visible:outline-indigo-300">
                  Admin
                </Link>
              ) : null}
              <SignOutButton className="text-slate-300 underline-offset-2 hover:text-white hover:underline focus-visible:outline-2 focus-visible:outline-indigo-300" />
            </div>
          </div>
        </aside>
      </div>
      <main id="main" className="min-w-0 flex-1 px-8 py-6">
        {children}
      </main>
    </div>
  );
}

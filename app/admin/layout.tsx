import Link from "next/link";
import { requireUser } from "@/lib/auth/guard";

const TABS = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/tokens", label: "API tokens" },
  { href: "/admin/crown-jewels", label: "Crown jewels" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/settings", label: "Single sign-on" },
];

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireUser("admin");
  return (
    <div className="mx-auto max-w-6xl px-6 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Administration</h1>
      <nav aria-label="Administration" className="mt-4 flex gap-1 border-b border-slate-200">
        {TABS.map((t) => (
          <Link key={t.href} href={t.href} className="-mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium text-slate-600 hover:border-slate-300 hover:text-slate-900">
            {t.label}
          </Link>
        ))}
      </nav>
      <div className="mt-6">{children}</div>
    </div>
  );
}

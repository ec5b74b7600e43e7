import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guard";
import { SignOutButton } from "@/lib/auth/sign-out-button";
import { PasswordForm } from "./password-form";

export const metadata: Metadata = { title: "Change password — Palisade" };
export const dynamic = "force-dynamic";

export default async function ChangePasswordPage() {
  const user = await requireUser("viewer", { allowPendingPasswordChange: true });
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">Change password</h1>
        <SignOutButton />
      </div>
      {user.mustChangePassword ? (
        <p role="status" className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          You signed in with a one-time password. Choose your own password to continue.
        </p>
      ) : null}
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <PasswordForm />
      </div>
    </main>
  );
}

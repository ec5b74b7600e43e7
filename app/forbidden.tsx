import Link from "next/link";

/** Rendered with HTTP 403 when lib/auth/guard requireUser() finds the role too low (Next's forbidden()). */
export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <p className="text-sm font-semibold text-indigo-700">403</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">You do not have access to this page</h1>
      <p className="mt-3 text-slate-600">Your Palisade role does not allow it. Ask an admin if you need access.</p>
      <p className="mt-6">
        <Link href="/" className="font-medium text-indigo-700 hover:underline">
          Back to the dashboard
        </Link>
      </p>
    </main>
  );
}

/** Sign-out control for any layout: a plain same-origin form POST (works without JavaScript; CSRF-checked by Origin). */
export function SignOutButton({ className }: { className?: string }) {
  return (
    <form method="post" action="/api/auth/logout">
      <button type="submit" className={className ?? "rounded-md px-2 py-1 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"}>
        Sign out
      </button>
    </form>
  );
}

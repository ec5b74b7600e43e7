import type { ReactNode } from "react";

/** Nothing to show yet, and what to do about it. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center" role="status">
      <h2 className="text-base font-semibold text-slate-800">{title}</h2>
      {children ? <div className="mx-auto mt-2 max-w-2xl text-sm text-slate-600">{children}</div> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}

/** Something went wrong or was asked for wrongly; says what and what to try. */
export function ErrorState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-red-200 bg-red-50 px-5 py-4 text-sm text-red-900" role="alert">
      <p className="font-semibold">{title}</p>
      {children ? <div className="mt-1">{children}</div> : null}
    </div>
  );
}

/** How to get a first snapshot: the empty state of every page. */
export function NoSnapshot({ reason }: { reason?: string }) {
  return (
    <EmptyState title={reason ?? "No snapshot yet"}>
      <p>Palisade shows a cluster once a collection has been stored. Run one of these from the project directory, then reload:</p>
      <pre className="mx-auto mt-3 max-w-xl overflow-x-auto rounded-md bg-slate-900 p-3 text-left text-xs text-slate-100">
        <code>{`# a live cluster (uses your kubeconfig's current context)
npx palisade collect

# or the bundled Acme Pay demo cluster
npm run demo`}</code>
      </pre>
    </EmptyState>
  );
}

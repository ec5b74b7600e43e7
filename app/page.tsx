export default function LandingPage() {
  return (
    <main className="mx-auto max-w-3xl px-6 py-16">
      <h1 className="text-3xl font-semibold tracking-tight">Palisade</h1>
      <p className="mt-3 text-lg text-slate-600">
        Identity-centric Kubernetes RBAC entitlement analysis: who can really do what, why, and how far they are from
        your crown jewels.
      </p>
      <section className="mt-10 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 className="text-lg font-medium">Scan manifests from the command line</h2>
        <pre className="mt-3 overflow-x-auto rounded bg-slate-900 p-4 text-sm text-slate-100">
          <code>{`npx palisade scan ./manifests --fail-on high
npx palisade who-can get secrets -n payments --from ./manifests
npx palisade can-i create pods --as system:serviceaccount:ci:deployer -n payments --from ./manifests`}</code>
        </pre>
      </section>
    </main>
  );
}

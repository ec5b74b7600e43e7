import type { SubjectKind } from "@/lib/k8s/types";

const KIND_STYLE: Record<SubjectKind, { short: string; className: string; title: string }> = {
  User: { short: "U", className: "bg-violet-100 text-violet-800", title: "User" },
  Group: { short: "G", className: "bg-teal-100 text-teal-800", title: "Group" },
  ServiceAccount: { short: "SA", className: "bg-slate-200 text-slate-800", title: "Service account" },
};

export function KindTag({ kind }: { kind: SubjectKind }) {
  const s = KIND_STYLE[kind];
  return (
    <span className={`inline-flex min-w-7 justify-center rounded px-1.5 py-0.5 text-[11px] font-semibold ${s.className}`} title={s.title}>
      <span aria-hidden="true">{s.short}</span>
      <span className="sr-only">{s.title}</span>
    </span>
  );
}

export function BuiltInTag() {
  return <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium text-slate-600 ring-1 ring-inset ring-slate-200">built-in</span>;
}

/** Identity name with its namespace (service accounts) and kind tag. */
export function IdentityName({ kind, name, namespace, href }: { kind: SubjectKind; name: string; namespace?: string | null; href?: string }) {
  const text = (
    <>
      {namespace ? <span className="text-slate-500">{namespace}/</span> : null}
      <span className="font-medium text-slate-900">{name}</span>
    </>
  );
  return (
    <span className="inline-flex min-w-0 items-center gap-2">
      <KindTag kind={kind} />
      {href ? (
        <a href={href} className="min-w-0 truncate hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
          {text}
        </a>
      ) : (
        <span className="min-w-0 truncate">{text}</span>
      )}
    </span>
  );
}

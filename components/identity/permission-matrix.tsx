"use client";

import { Fragment, useCallback, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { SubjectKind } from "@/lib/k8s/types";
import { canICommand } from "@/lib/view/can-i-command";
import { bindingLabel, expandCell, roleLabel, subjectLabel, type CompactCell, type CompactScope, type GrantViews } from "@/lib/view/grant-view";
import type { MatrixCell } from "@/lib/view/permission-matrix";

/** Rows drawn before "Show all": a large identity's matrix has hundreds. */
const INITIAL_ROWS = 120;

interface Props {
  scopes: CompactScope[];
  grants: GrantViews;
  identity: { kind: SubjectKind; name: string; namespace: string | null };
  /** --from paths for the can-i command. */
  from: string[];
  /** Identity id of the page (to tell own grants from inherited ones). */
  identityId: string;
}

interface Selected {
  scope: number;
  /** Row index in rows, or -1 - index in nonResource. */
  row: number;
  verb: string;
}

function cellSymbol(c: MatrixCell): string {
  if (c.restricted) return "◐";
  if (c.wildcard) return "✱";
  return "●";
}

/** Cell tone for app/globals.css `.pm-cell[data-c]`: d dangerous, w wildcard only, a allowed. */
function cellTone(c: MatrixCell): "d" | "w" | "a" {
  return c.dangerous ? "d" : c.wildcard ? "w" : "a";
}

function cellDescription(c: MatrixCell): string {
  const parts = ["allowed"];
  if (c.wildcard) parts.push("only through a wildcard");
  if (c.restricted) parts.push("only for named objects");
  if (c.dangerous) parts.push("dangerous");
  return parts.join(", ");
}

export function PermissionMatrix({ scopes, grants: views, identity, from, identityId }: Props) {
  const grants = views.grants;
  const [scopeIndex, setScopeIndex] = useState(0);
  const [showAll, setShowAll] = useState(false);
  const [selected, setSelected] = useState<Selected | null>(null);
  const [focus, setFocus] = useState<{ r: number; c: number }>({ r: 0, c: 0 });
  const [copied, setCopied] = useState(false);
  const tableRef = useRef<HTMLTableElement>(null);
  const scope = scopes[scopeIndex];

  // Rows of the grid: resource rows then non-resource URL rows (own verb columns).
  const grid = useMemo(() => {
    if (!scope) return [];
    const rows: { key: string; label: string; wildcard: boolean; verbs: string[]; cells: Record<string, CompactCell>; row: number }[] = scope.rows
      .slice(0, showAll ? undefined : INITIAL_ROWS)
      .map((r, i) => ({ key: `r${i}`, label: r.label, wildcard: r.wildcard, verbs: scope.verbs, cells: r.cells, row: i }));
    scope.nonResource.forEach((u, i) => rows.push({ key: `u${i}`, label: u.path, wildcard: u.path.includes("*"), verbs: scope.nonResourceVerbs, cells: u.cells, row: -1 - i }));
    return rows;
  }, [scope, showAll]);
  const resourceRowsShown = showAll || !scope ? (scope?.rows.length ?? 0) : Math.min(scope.rows.length, INITIAL_ROWS);

  const moveFocus = useCallback((r: number, c: number) => {
    setFocus({ r, c });
    requestAnimationFrame(() => tableRef.current?.querySelector<HTMLElement>(`[data-cell="${r}:${c}"]`)?.focus());
  }, []);

  if (!scope) return <p className="text-sm text-slate-600">This identity holds no permissions: no binding names it or any of its groups.</p>;

  const onKey = (e: KeyboardEvent, r: number, c: number, cell: MatrixCell | undefined, verb: string, row: number) => {
    const resourceRows = resourceRowsShown;
    const width = (rowIndex: number) => (rowIndex < resourceRows ? scope.verbs.length : scope.nonResourceVerbs.length);
    if (e.key === "ArrowRight") moveFocus(r, Math.min(c + 1, width(r) - 1));
    else if (e.key === "ArrowLeft") moveFocus(r, Math.max(c - 1, 0));
    else if (e.key === "ArrowDown") moveFocus(Math.min(r + 1, grid.length - 1), Math.min(c, width(Math.min(r + 1, grid.length - 1)) - 1));
    else if (e.key === "ArrowUp") moveFocus(Math.max(r - 1, 0), Math.min(c, width(Math.max(r - 1, 0)) - 1));
    else if ((e.key === "Enter" || e.key === " ") && cell) setSelected({ scope: scopeIndex, row, verb });
    else return;
    e.preventDefault();
  };

  const sel = selected && selected.scope === scopeIndex ? selected : null;
  const selCompact = sel ? (sel.row >= 0 ? scope.rows[sel.row]?.cells[sel.verb] : scope.nonResource[-1 - sel.row]?.cells[sel.verb]) : undefined;
  const selCell = selCompact ? expandCell(selCompact) : undefined;
  const selRow = sel && sel.row >= 0 ? scope.rows[sel.row] : undefined;
  const selUrl = sel && sel.row < 0 ? scope.nonResource[-1 - sel.row] : undefined;
  const command =
    sel && selCell
      ? canICommand({
          identity: { kind: identity.kind, name: identity.name, namespace: identity.namespace },
          verb: sel.verb,
          ...(selUrl ? { path: selUrl.path } : { apiGroup: selRow?.apiGroup ?? "", resource: selRow?.resource ?? "*" }),
          namespace: scope.namespace,
          ...(selCell.restricted ? { name: grants[selCell.grants[0]!]?.resourceNames[0] ?? "" } : {}),
          from,
        })
      : "";

  return (
    <div>
      <div role="tablist" aria-label="Scope" className="mb-3 flex flex-wrap gap-2">
        {scopes.map((s, i) => (
          <button
            key={s.namespace ?? "*cluster"}
            role="tab"
            type="button"
            aria-selected={i === scopeIndex}
            onClick={() => {
              setScopeIndex(i);
              setShowAll(false);
              setFocus({ r: 0, c: 0 });
            }}
            className={`rounded-full px-3 py-1 text-sm ring-1 ring-inset focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 ${
              i === scopeIndex ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"
            }`}
          >
            {s.namespace === null ? "Cluster-wide" : `Namespace ${s.namespace}`} <span className="opacity-80">({s.grantCount})</span>
          </button>
        ))}
      </div>
      <p className="mb-2 text-xs text-slate-600">
        {scope.namespace === null
          ? "Granted by ClusterRoleBindings: these apply in every namespace and to cluster-scoped resources."
          : `Granted by RoleBindings in ${scope.namespace}: they apply only inside that namespace.`}{" "}
        Select a cell (click, or arrow keys and Enter) to see why it is allowed.
      </p>
      <div className="flex items-start gap-4">
        <div className="max-h-[36rem] min-w-0 flex-1 overflow-auto rounded-md border border-slate-200">
          <table ref={tableRef} role="grid" aria-label={`Effective permissions, ${scope.namespace === null ? "cluster-wide" : `namespace ${scope.namespace}`}`} className="w-full border-collapse text-sm" data-testid="permission-matrix">
            <thead className="sticky top-0 z-10 bg-slate-50">
              <tr>
                <th scope="col" className="sticky left-0 z-20 bg-slate-50 px-3 py-1.5 text-left text-xs font-medium text-slate-600">
                  Resource
                </th>
                {scope.verbs.map((v) => (
                  <th key={v} scope="col" className={`px-1 py-1.5 text-xs font-medium leading-tight ${v === "*" || ["escalate", "bind", "impersonate"].includes(v) ? "text-red-800" : "text-slate-600"}`}>
                    {v === "deletecollection" ? "delete\u00adcollection" : v}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {grid.map((row, r) => (
                <Fragment key={row.key}>
                {r === resourceRowsShown ? (
                  <tr className="bg-slate-50">
                    <th scope="col" className="sticky left-0 z-10 bg-slate-50 px-3 py-1.5 text-left text-xs font-medium text-slate-600">
                      Non-resource URL
                    </th>
                    {scope.nonResourceVerbs.map((v) => (
                      <th key={v} scope="col" className={`px-1.5 py-1.5 text-xs font-medium ${v === "*" ? "text-red-800" : "text-slate-600"}`}>
                        {v}
                      </th>
                    ))}
                    {scope.nonResourceVerbs.length < scope.verbs.length ? <td colSpan={scope.verbs.length - scope.nonResourceVerbs.length} /> : null}
                  </tr>
                ) : null}
                <tr>
                  <th scope="row" className="pm-row" title={row.label}>
                    {row.wildcard ? <span className="mr-1 text-amber-700" aria-label="wildcard">✱</span> : null}
                    {row.label}
                  </th>
                  {row.verbs.map((verb, c) => {
                    const compact = row.cells[verb];
                    const cell = compact ? expandCell(compact) : undefined;
                    const isSel = sel?.row === row.row && sel.verb === verb;
                    return (
                      <td
                        key={verb}
                        role="gridcell"
                        className="pm-cell"
                        data-cell={`${r}:${c}`}
                        data-c={cell ? cellTone(cell) : undefined}
                        tabIndex={focus.r === r && focus.c === c ? 0 : -1}
                        aria-selected={cell ? isSel : undefined}
                        aria-label={cell ? `${verb} ${row.label}: ${cellDescription(cell)}` : undefined}
                        onClick={() => {
                          setFocus({ r, c });
                          if (cell) setSelected({ scope: scopeIndex, row: row.row, verb });
                        }}
                        onKeyDown={(e) => onKey(e, r, c, cell, verb, row.row)}
                      >
                        {cell ? cellSymbol(cell) : ""}
                      </td>
                    );
                  })}
                  {row.row < 0 && row.verbs.length < scope.verbs.length ? <td colSpan={scope.verbs.length - row.verbs.length} /> : null}
                </tr>
                </Fragment>
              ))}
            </tbody>
          </table>
          {!showAll && scope.rows.length > INITIAL_ROWS ? (
            <div className="sticky left-0 border-t border-slate-200 bg-slate-50 px-3 py-2 text-sm">
              <button type="button" className="text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600" onClick={() => setShowAll(true)}>
                Show all {scope.rows.length} resources
              </button>{" "}
              <span className="text-slate-600">({scope.rows.length - INITIAL_ROWS} more; wildcard rows come first)</span>
            </div>
          ) : null}
        </div>
        <aside className="sticky top-4 w-[22rem] flex-none rounded-md border border-slate-200 bg-slate-50 p-3" aria-live="polite" data-testid="why-panel">
          {sel && selCell ? (
            <>
              <h3 className="text-sm font-semibold text-slate-900">
                Why <code className="rounded bg-white px-1">{sel.verb}</code> on <code className="rounded bg-white px-1">{selRow?.label ?? selUrl?.path}</code> is allowed
              </h3>
              <p className="mt-1 text-xs text-slate-600">
                {selCell.grants.length} rule{selCell.grants.length === 1 ? "" : "s"} allow{selCell.grants.length === 1 ? "s" : ""} it
                {selCell.wildcard ? ", only through a wildcard" : ""}
                {selCell.restricted ? ", only for the named objects" : ""}.
              </p>
              <ol className="mt-2 space-y-3">
                {selCell.grants.map((gi) => {
                  const g = grants[gi]!;
                  const inherited = !(g.via.kind === identity.kind && g.via.name === identity.name && (g.via.namespace ?? null) === (identity.namespace ?? null));
                  return (
                    <li key={gi} className="rounded border border-slate-200 bg-white p-2 text-xs">
                      {inherited ? <div className="mb-1 text-slate-600">through {subjectLabel(g.via)}</div> : null}
                      <div className="flex flex-wrap items-center gap-1 text-slate-900">
                        <span className="font-medium">{bindingLabel(g.binding)}</span>
                        <span aria-hidden="true">→</span>
                        <span className="sr-only">grants</span>
                        <span className="font-medium">{roleLabel(g.role)}</span>
                        <span className="text-slate-600">rule #{g.ruleIndex}</span>
                      </div>
                      <pre className="mt-1.5 overflow-x-auto rounded bg-slate-900 p-2 text-[11px] leading-relaxed text-slate-100" data-testid="rule-yaml">
                        <code>{views.rules[g.rule]}</code>
                      </pre>
                    </li>
                  );
                })}
              </ol>
              <div className="mt-3">
                <div className="flex items-center justify-between">
                  <span className="text-xs font-medium text-slate-700">Reproduce with the CLI</span>
                  <button
                    type="button"
                    className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
                    onClick={async () => {
                      try {
                        await navigator.clipboard.writeText(command);
                        setCopied(true);
                        setTimeout(() => setCopied(false), 1500);
                      } catch {
                        setCopied(false);
                      }
                    }}
                  >
                    {copied ? "Copied" : "Copy command"}
                  </button>
                </div>
                <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all rounded bg-white p-2 font-mono text-[11px] text-slate-800 ring-1 ring-slate-200" data-testid="can-i-command">
                  {command}
                </pre>
              </div>
            </>
          ) : (
            <div className="text-xs text-slate-600">
              <p className="font-medium text-slate-800">Legend</p>
              <ul className="mt-1 space-y-1">
                <li>
                  <span className="inline-block w-5 rounded bg-indigo-50 text-center font-semibold text-indigo-900">●</span> allowed by a rule that names it
                </li>
                <li>
                  <span className="inline-block w-5 rounded bg-amber-50 text-center font-semibold text-amber-900">✱</span> allowed only through a wildcard (<code>*</code>)
                </li>
                <li>
                  <span className="inline-block w-5 rounded bg-indigo-50 text-center font-semibold text-indigo-900">◐</span> only for named objects (resourceNames)
                </li>
                <li>
                  <span className="inline-block w-5 rounded bg-red-100 text-center font-semibold text-red-900">!</span> red cells are dangerous permissions
                </li>
              </ul>
              <p className="mt-2">Select a cell to see the binding → role → rule behind it and a command that reproduces it.</p>
              <p className="mt-1 text-slate-500">Grants come from {grants.length} rule{grants.length === 1 ? "" : "s"}; {identityId.startsWith("Group:") ? "members of this group hold them all." : "inherited ones say which group they come through."}</p>
            </div>
          )}
        </aside>
      </div>
    </div>
  );
}

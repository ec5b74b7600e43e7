import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * The app's routes, enumerated from the filesystem (never a hand-kept list): every app/**\/page.tsx and
 * app/**\/route.ts, with its URL path (route groups `(x)` dropped, `[param]` kept), and for route handlers the HTTP
 * methods it exports. Used by the static guard test and by the e2e "no session → 401/redirect" sweep.
 */

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export interface AppRoute {
  kind: "page" | "route";
  /** Relative to the project root, e.g. `app/admin/users/page.tsx`. */
  file: string;
  /** URL pattern, e.g. `/identities/[id]`. */
  urlPath: string;
  /** Route handlers: exported HTTP methods. */
  methods: string[];
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
}

export function urlPathOf(file: string): string {
  const segments = path
    .dirname(file)
    .split(path.sep)
    .slice(1) // "app"
    .filter((s) => !(s.startsWith("(") && s.endsWith(")")) && !s.startsWith("@"));
  return `/${segments.join("/")}`;
}

export function parseSource(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(path.join(ROOT, file), "utf8"), ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

function hasExportModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** Names exported by a module (declarations and `export { … }` lists). */
export function exportedNames(sf: ts.SourceFile): string[] {
  const names: string[] = [];
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st) && hasExportModifier(st)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
    } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && hasExportModifier(st) && st.name) {
      names.push(st.name.text);
    } else if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) names.push(el.name.text);
    }
  }
  return names;
}

export function listAppRoutes(): AppRoute[] {
  const files: string[] = [];
  walk(path.join(ROOT, "app"), files);
  const routes: AppRoute[] = [];
  for (const full of files.sort()) {
    const file = path.relative(ROOT, full);
    const base = path.basename(file);
    if (base === "page.tsx" || base === "page.ts") {
      routes.push({ kind: "page", file, urlPath: urlPathOf(file), methods: ["GET"] });
    } else if (base === "route.ts" || base === "route.tsx") {
      const methods = exportedNames(parseSource(file)).filter((n) => (HTTP_METHODS as readonly string[]).includes(n));
      routes.push({ kind: "route", file, urlPath: urlPathOf(file), methods });
    }
  }
  return routes;
}

/** A concrete URL for a pattern: every `[param]` replaced by a syntactically valid but non-existent value. */
export function concreteUrl(urlPath: string): string {
  return urlPath.replace(/\[\[?\.{0,3}([^\]]+)\]?\]/g, (_m, name: string) => (/id$/i.test(name) ? "00000000-0000-4000-8000-000000000000" : `e2e-${name}`));
}

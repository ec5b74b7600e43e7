import ts from "typescript";
import { HTTP_METHODS } from "./app-routes";

/**
 * Static checks that every page, route handler and server action goes through lib/auth/guard. Each returns the
 * problems found in one source file (empty = fine).
 */

const GUARD_MODULE = "@/lib/auth/guard";

function importedFromGuard(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || st.moduleSpecifier.text !== GUARD_MODULE) continue;
    const bindings = st.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) if (!el.isTypeOnly) names.add(el.name.text);
  }
  return names;
}

function hasExport(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}
function hasDefault(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
}

function callsIdentifier(node: ts.Node, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name) {
      found = true;
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** The body of the page's default export (function declaration, or `export default Name` pointing at one). */
function defaultExportBody(sf: ts.SourceFile): ts.Node | null {
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && hasExport(st) && hasDefault(st)) return st.body ?? null;
    if (ts.isExportAssignment(st) && !st.isExportEquals) {
      if (ts.isIdentifier(st.expression)) {
        const name = st.expression.text;
        for (const s2 of sf.statements) {
          if (ts.isFunctionDeclaration(s2) && s2.name?.text === name) return s2.body ?? null;
          if (ts.isVariableStatement(s2)) for (const d of s2.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name) return d.initializer ?? null;
        }
      }
      return st.expression;
    }
  }
  return null;
}

/** A page must call requireUser (imported from lib/auth/guard) in its default export. */
export function checkPage(sf: ts.SourceFile): string[] {
  const body = defaultExportBody(sf);
  if (!body) return ["has no default export component"];
  if (!importedFromGuard(sf).has("requireUser")) return [`does not import requireUser from ${GUARD_MODULE}`];
  if (!callsIdentifier(body, "requireUser")) return ["its default export never calls requireUser()"];
  return [];
}

/** Every exported HTTP method must be `export const METHOD = apiRoute(…)` (or publicRoute where allowed). */
export function checkRoute(sf: ts.SourceFile, opts: { allowPublic: boolean }): string[] {
  const problems: string[] = [];
  const guard = importedFromGuard(sf);
  const methods = HTTP_METHODS as readonly string[];
  for (const st of sf.statements) {
    if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && hasExport(st) && st.name && methods.includes(st.name.text)) {
      problems.push(`${st.name.text} is a plain function: write export const ${st.name.text} = apiRoute({ role }, handler)`);
    }
    if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) if (methods.includes(el.name.text)) problems.push(`${el.name.text} is re-exported: declare it here with apiRoute()`);
    }
    if (!ts.isVariableStatement(st) || !hasExport(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || !methods.includes(d.name.text)) continue;
      const init = d.initializer;
      const callee = init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) ? init.expression.text : null;
      if (callee === "apiRoute" && guard.has("apiRoute")) continue;
      if (callee === "publicRoute" && guard.has("publicRoute")) {
        if (!opts.allowPublic) problems.push(`${d.name.text} uses publicRoute outside the sign-in endpoints`);
        continue;
      }
      problems.push(`${d.name.text} is not wrapped by apiRoute() from ${GUARD_MODULE}`);
    }
  }
  return problems;
}

function hasUseServerDirective(sf: ts.SourceFile): boolean {
  const first = sf.statements[0];
  return !!first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === "use server";
}

/** Inline "use server" (inside a function) would create an action this checker cannot see. */
export function checkNoInlineServerActions(sf: ts.SourceFile): string[] {
  const problems: string[] = [];
  const visit = (n: ts.Node, depth: number): void => {
    if (depth > 0 && ts.isExpressionStatement(n) && ts.isStringLiteral(n.expression) && n.expression.text === "use server") {
      problems.push(`inline "use server" at line ${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}: put server actions in a "use server" file wrapped by action()`);
    }
    ts.forEachChild(n, (c) => visit(c, ts.isFunctionLike(n) ? depth + 1 : depth));
  };
  for (const st of sf.statements) ts.forEachChild(st, (c) => visit(c, ts.isFunctionLike(st) ? 1 : 0));
  return problems;
}

/** In a "use server" file every export is `export const x = action({ role, input }, fn)`, except the allowed public ones. */
export function checkServerActions(sf: ts.SourceFile, publicExports: readonly string[] = []): string[] {
  if (!hasUseServerDirective(sf)) return [];
  const problems: string[] = [];
  const guard = importedFromGuard(sf);
  for (const st of sf.statements) {
    if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && hasExport(st)) {
      const name = st.name?.text ?? "default";
      if (!publicExports.includes(name)) problems.push(`${name} is an unwrapped server action: export const ${name} = action({ role, input }, fn)`);
      continue;
    }
    if (ts.isExportDeclaration(st) || ts.isExportAssignment(st)) {
      problems.push("re-exports from a \"use server\" file bypass the check");
      continue;
    }
    if (!ts.isVariableStatement(st) || !hasExport(st)) continue;
    for (const d of st.declarationList.declarations) {
      const name = ts.isIdentifier(d.name) ? d.name.text : "?";
      const init = d.initializer;
      const callee = init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) ? init.expression.text : null;
      if (callee === "action" && guard.has("action")) continue;
      if (publicExports.includes(name)) continue;
      problems.push(`${name} is not wrapped by action() from ${GUARD_MODULE}`);
    }
  }
  return problems;
}

export function parseSnippet(code: string, file = "snippet.tsx"): ts.SourceFile {
  return ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
}

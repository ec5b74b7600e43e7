import { readdir, readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { LineCounter, parseAllDocuments, isMap, isSeq, type Document, type ParseOptions, type DocumentOptions, type SchemaOptions, type ScalarTag } from "yaml";
import type { Inventory, SourceLocation } from "@/lib/k8s/types";
import type { InputError } from "./errors";
import { InventoryBuilder } from "./normalize";

/**
 * File collector: reads Kubernetes manifests (YAML, multi-document) and `kubectl get -o json|yaml` dumps from files,
 * directories (recursive) and stdin (`-`), and normalizes them with {@link InventoryBuilder}.
 * Problems never throw: each becomes an {@link InputError} (`file:line:col: message`) and the rest still loads.
 */

export interface LoadOptions {
  /** Stream read for the path `-` (defaults to process.stdin). */
  stdin?: NodeJS.ReadableStream;
}

export interface LoadResult {
  inventory: Inventory;
  /** Unreadable paths, malformed YAML/JSON, and objects skipped for missing required fields. */
  errors: InputError[];
  /** Non-fatal notes: defaulted namespaces, duplicate objects or keys, empty directories. */
  warnings: InputError[];
  /** Files (and stdin) read. */
  files: number;
  /** Kubernetes objects seen (List items counted individually). */
  objects: number;
}

const MANIFEST_EXT = /\.(ya?ml|json)$/i;
export const STDIN_LABEL = "<stdin>";

/** Loads and normalizes every manifest under `paths` (files, directories, `-` for stdin). */
export async function loadInventory(paths: string[], opts: LoadOptions = {}): Promise<LoadResult> {
  const builder = new InventoryBuilder();
  const errors: InputError[] = [];
  const warnings: InputError[] = [];
  let files = 0;

  for (const p of paths) {
    if (p === "-") {
      const text = await readStream(opts.stdin ?? process.stdin);
      files++;
      errors.push(...addManifestText(builder, text, STDIN_LABEL, warnings));
      continue;
    }
    let list: string[];
    try {
      const st = await stat(p);
      if (st.isDirectory()) {
        list = await listManifests(p);
        if (list.length === 0) warnings.push({ file: p, message: "directory contains no .yaml, .yml or .json files" });
      } else {
        list = [p];
      }
    } catch (e) {
      errors.push({ file: p, message: `cannot read: ${ioMessage(e)}` });
      continue;
    }
    for (const f of list) {
      let text: string;
      try {
        text = await readFile(f, "utf8");
      } catch (e) {
        errors.push({ file: f, message: `cannot read: ${ioMessage(e)}` });
        continue;
      }
      files++;
      errors.push(...addManifestText(builder, text, f, warnings));
    }
  }
  warnings.push(...builder.warnings);
  return { inventory: builder.build(), errors, warnings, files, objects: builder.objects };
}

/**
 * Parses one manifest text (JSON or YAML, sniffed) into `builder`. Returns the errors; parser warnings
 * (duplicate mapping keys) are appended to `warnings`.
 * `.json` files are parsed as JSON only; other text that starts with `{` or `[` is tried as JSON first (fast path
 * for `kubectl get -o json` dumps), then as YAML.
 */
export function addManifestText(builder: InventoryBuilder, text: string, file: string, warnings: InputError[] = []): InputError[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const first = firstNonSpace(text);
  const isJsonFile = /\.json$/i.test(file);
  if (isJsonFile || first === "{" || first === "[") {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const jsonError = jsonParseError(e, text, file);
      if (isJsonFile) return [jsonError];
      // Looked like JSON but is not: it may be YAML flow style. If YAML cannot parse it either, the JSON error is
      // the clearer one.
      const objectErrors: InputError[] = [];
      const syntaxErrors: InputError[] = [];
      addYaml(builder, text, file, warnings, objectErrors, syntaxErrors);
      return syntaxErrors.length > 0 ? [jsonError, ...objectErrors] : objectErrors;
    }
    return addJsonValue(builder, value, text, file);
  }
  const errors: InputError[] = [];
  addYaml(builder, text, file, warnings, errors, errors);
  return errors;
}

function addJsonValue(builder: InventoryBuilder, value: unknown, text: string, file: string): InputError[] {
  // metadata.source of every object is the JSON document's line; exact item lines are worked out only for messages,
  // because scanning a large dump for item offsets costs about as much as JSON.parse itself.
  const source: SourceLocation = { file, line: lineOfFirstNonSpace(text) };
  let offsets: number[] | null | undefined;
  let lines: LineIndex | undefined;
  const locateItem = (i: number): SourceLocation => {
    if (offsets === undefined) offsets = jsonItemOffsets(text, Array.isArray(value));
    const off = offsets?.[i];
    if (off === undefined) return source;
    lines ??= new LineIndex(text);
    return { file, line: lines.lineOf(off) };
  };
  if (Array.isArray(value)) {
    // A bare JSON array of objects (e.g. from jq): treat like a List.
    return builder.add({ kind: "List", items: value }, source, { locateItem });
  }
  return builder.add(value, source, { locateItem });
}

/**
 * kubectl turns YAML into JSON with sigs.k8s.io/yaml (go-yaml v2), which resolves the YAML 1.1 booleans: `yes`, `on`,
 * `y` and friends are true, `no`, `off`, `n` false (go-yaml v2 resolve.go). Under the YAML 1.2 core schema they would
 * stay strings and `privileged: yes` would read as not privileged, so plain scalars get the 1.1 boolean rule here.
 * Everything else follows YAML 1.2 (e.g. a tab before a comment is fine).
 */
const yaml11Bool: ScalarTag = {
  tag: "tag:yaml.org,2002:bool",
  default: true,
  identify: (v) => typeof v === "boolean",
  test: /^(?:y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON|n|N|no|No|NO|false|False|FALSE|off|Off|OFF)$/,
  resolve: (s) => /^(?:y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/.test(s),
};

/** YAML parse options matching kubectl: YAML 1.2 syntax, 1.1 booleans, `<<` merge keys (go-yaml v2 supports them). */
export const KUBECTL_YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  prettyErrors: false,
  merge: true,
  customTags: (tags) => [yaml11Bool, ...tags],
};

function addYaml(
  builder: InventoryBuilder,
  text: string,
  file: string,
  warnings: InputError[],
  errors: InputError[],
  syntaxErrors: InputError[],
): void {
  const lineCounter = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { ...KUBECTL_YAML_OPTIONS, lineCounter }) as Document.Parsed[];
  } catch (e) {
    syntaxErrors.push({ file, message: `invalid YAML: ${e instanceof Error ? e.message : String(e)}` });
    return;
  }
  // parseAllDocuments returns an EmptyStream (not an array) for input without documents.
  if (!Array.isArray(docs)) return;
  for (const doc of docs) {
    const fatal = doc.errors.filter((e) => e.code !== "DUPLICATE_KEY");
    for (const w of doc.errors.filter((e) => e.code === "DUPLICATE_KEY").concat(doc.warnings)) {
      warnings.push({ file, ...yamlPos(lineCounter, w.pos), message: firstLine(w.message) });
    }
    if (fatal.length > 0) {
      // The document is skipped; other documents in the same file still load.
      const e = fatal[0]!;
      syntaxErrors.push({ file, ...yamlPos(lineCounter, e.pos), message: `invalid YAML: ${firstLine(e.message)}` });
      continue;
    }
    const contents = doc.contents;
    if (contents === null) continue; // empty or comment-only document
    const start = contents.range?.[0] ?? 0;
    const source: SourceLocation = { file, line: lineCounter.linePos(start).line };
    let value: unknown;
    try {
      value = doc.toJS(); // default maxAliasCount (100) guards against alias-expansion bombs
    } catch (e) {
      syntaxErrors.push({ file, line: source.line, message: `invalid YAML: ${e instanceof Error ? firstLine(e.message) : String(e)}` });
      continue;
    }
    const itemNodes = (): unknown[] | undefined => {
      if (isSeq(contents)) return contents.items;
      if (isMap(contents)) {
        const items = contents.get("items", true);
        if (isSeq(items)) return items.items;
      }
      return undefined;
    };
    let nodes: unknown[] | undefined | null = null;
    const itemSource = (i: number): SourceLocation => {
      if (nodes === null) nodes = itemNodes();
      const n = nodes?.[i] as { range?: [number, number, number] } | undefined;
      return n?.range ? { file, line: lineCounter.linePos(n.range[0]).line } : source;
    };
    // A bare YAML sequence of objects is treated like a List.
    errors.push(...builder.add(Array.isArray(value) ? { kind: "List", items: value } : value, source, { itemSource }));
  }
}

/** Position of a YAML error or warning (`pos` is a [start, end] offset pair into the text). */
function yamlPos(lineCounter: LineCounter, pos: [number, number]): { line: number; column: number } {
  const { line, col } = lineCounter.linePos(pos[0]);
  return { line, column: col };
}

function firstLine(s: string): string {
  const i = s.indexOf("\n");
  return (i < 0 ? s : s.slice(0, i)).trim();
}

/** JSON.parse error → InputError with line:col computed from V8's "at position N". */
function jsonParseError(e: unknown, text: string, file: string): InputError {
  const msg = e instanceof Error ? e.message : String(e);
  const m = / in JSON at position (\d+)/.exec(msg);
  const base = msg.replace(/ in JSON at position \d+.*$/, "").replace(/^JSON\.parse: /, "");
  let offset: number;
  if (m) offset = Number(m[1]);
  else if (/end of JSON input/.test(msg)) offset = text.length;
  else return { file, message: `invalid JSON: ${base}` };
  const { line, column } = new LineIndex(text).posOf(offset);
  return { file, line, column, message: `invalid JSON: ${base}` };
}

/** Offset → 1-based line/column (column in UTF-16 code units, like editors' "character" positions). */
class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    let i = text.indexOf("\n");
    while (i >= 0) {
      this.starts.push(i + 1);
      i = text.indexOf("\n", i + 1);
    }
  }
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  posOf(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line, column: offset - this.starts[line - 1]! + 1 };
  }
}

function firstNonSpace(text: string): string {
  const m = /\S/.exec(text);
  return m ? m[0] : "";
}

function lineOfFirstNonSpace(text: string): number {
  const m = /\S/.exec(text);
  if (!m) return 1;
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < m.index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/**
 * Start offsets of the elements of a JSON document's list: the top-level array itself (`topIsArray`), or the
 * `items` array of the top-level object. One pass over the (already validated) text; string contents are skipped.
 * Returns null when there is no such list.
 */
export function jsonItemOffsets(text: string, topIsArray: boolean): number[] | null {
  const out: number[] = [];
  const n = text.length;
  let depth = 0;
  // Depth of the list's elements: 1 for a top-level array, 2 for the top-level object's "items".
  const listDepth = topIsArray ? 1 : 2;
  let inList = false;
  let expectValue = false; // inside the list, before an element
  let expectKey = false; // inside the top-level object, before a key
  let lastKey = "";
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20) continue;
    if (inList && depth === listDepth && expectValue && c !== 0x5d /* ] */) {
      out.push(i);
      expectValue = false;
    }
    if (c === 0x22 /* " */) {
      const start = i;
      // The closing quote: the next '"' not escaped by an odd number of backslashes.
      let q = text.indexOf('"', i + 1);
      for (;;) {
        if (q < 0) {
          q = n;
          break;
        }
        let bs = 0;
        while (text.charCodeAt(q - 1 - bs) === 0x5c) bs++;
        if (bs % 2 === 0) break;
        q = text.indexOf('"', q + 1);
      }
      i = q;
      if (expectKey && depth === 1) {
        lastKey = text.slice(start + 1, i);
        expectKey = false;
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      if (depth === 1 && !topIsArray && c === 0x7b) expectKey = true;
      if (depth === listDepth && c === 0x5b && (topIsArray || lastKey === "items")) {
        inList = true;
        expectValue = true;
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      if (inList && depth === listDepth && c === 0x5d) return out;
      depth--;
    } else if (c === 0x2c /* , */) {
      if (inList && depth === listDepth) expectValue = true;
      else if (depth === 1 && !topIsArray) expectKey = true;
    }
  }
  return inList ? out : null;
}

async function listManifests(dir: string): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  async function walk(d: string): Promise<void> {
    const real = await realpath(d);
    if (seen.has(real)) return; // symlink loop
    seen.add(real);
    const entries = await readdir(d, { withFileTypes: true });
    for (const e of entries) {
      const p = path.join(d, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = await stat(p);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // dangling symlink
        }
      }
      if (isDir) await walk(p);
      else if (isFile && MANIFEST_EXT.test(e.name)) out.push(p);
    }
  }
  await walk(dir);
  // Code-unit order, not locale order, so the result is the same on every machine.
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function ioMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory";
    default:
      return err instanceof Error ? err.message : String(e);
  }
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Access policy as code: the assertion file `palisade check` evaluates, its zod schemas, a parser that reports
 * problems as `file:line:col: assertion "ID": field: message`, and the evaluator.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from "yaml";
import { z } from "zod";
import type { InputError } from "@/lib/collect/errors";
import type { SubjectRef } from "@/lib/k8s/types";
import { canI, implicitGroupsFor, whoCan, type Analysis, type RequestAttributes } from "@/lib/rbac";
import { describeRequest } from "./request";

const nonEmpty = z.string().min(1, "must not be empty");
/** Null or missing = a cluster-scoped request. */
const namespaceField = z.string().nullable().optional();

export const canISpec = z.strictObject({
  user: nonEmpty,
  /** The complete group list, as in a SubjectAccessReview. Omitted: the user's implicit groups. */
  groups: z.array(nonEmpty).optional(),
  verb: nonEmpty,
  /** Missing = the core group "". */
  apiGroup: z.string().optional(),
  resource: nonEmpty,
  subresource: nonEmpty.optional(),
  namespace: namespaceField,
  name: z.string().optional(),
});

export const canIPathSpec = z.strictObject({
  user: nonEmpty,
  groups: z.array(nonEmpty).optional(),
  verb: nonEmpty,
  path: z.string().startsWith("/", 'must be a URL path starting with "/"'),
});

export const whoCanSpec = z.strictObject({
  verb: nonEmpty,
  apiGroup: z.string().optional(),
  resource: nonEmpty,
  subresource: nonEmpty.optional(),
  namespace: namespaceField,
  name: z.string().optional(),
});

export const expectedSubject = z
  .strictObject({ kind: z.enum(["User", "Group", "ServiceAccount"]), name: nonEmpty, namespace: nonEmpty.optional() })
  .superRefine((s, ctx) => {
    if (s.kind === "ServiceAccount" && s.namespace === undefined) {
      ctx.addIssue({ code: "custom", path: ["namespace"], message: "is required for a ServiceAccount" });
    }
    if (s.kind !== "ServiceAccount" && s.namespace !== undefined) {
      ctx.addIssue({ code: "custom", path: ["namespace"], message: `must be omitted: a ${s.kind} is not namespaced` });
    }
  });

const id = nonEmpty;

export const canIAssertion = z.strictObject({ id, "can-i": canISpec, expect: z.boolean() });
export const canIPathAssertion = z.strictObject({ id, "can-i-path": canIPathSpec, expect: z.boolean() });
export const whoCanAssertion = z
  .strictObject({
    id,
    "who-can": whoCanSpec,
    /** The exact set of subjects. */
    expect: z.array(expectedSubject).optional(),
    /** No subject at all. */
    "expect-none": z.literal(true).optional(),
    /** At least these subjects. */
    "expect-subset": z.array(expectedSubject).optional(),
  })
  .superRefine((a, ctx) => {
    const given = (["expect", "expect-none", "expect-subset"] as const).filter((k) => a[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: "custom",
        path: given.length ? [given[1]!] : [],
        message: given.length ? `give only one of expect, expect-none and expect-subset (found ${given.join(", ")})` : "needs expect, expect-none or expect-subset",
      });
    }
  });

export type CanIAssertion = z.infer<typeof canIAssertion>;
export type CanIPathAssertion = z.infer<typeof canIPathAssertion>;
export type WhoCanAssertion = z.infer<typeof whoCanAssertion>;
export type Assertion = CanIAssertion | CanIPathAssertion | WhoCanAssertion;
export type ExpectedSubject = z.infer<typeof expectedSubject>;

const KINDS = { "can-i": canIAssertion, "can-i-path": canIPathAssertion, "who-can": whoCanAssertion } as const;
type AssertionKind = keyof typeof KINDS;

/**
 * Parses and validates an assertion file (YAML or JSON). Returns the assertions, or every problem found, each
 * located at the offending key or value and naming the assertion id and field.
 */
export function parseAssertions(text: string, file: string): { assertions: Assertion[]; errors: InputError[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const errors: InputError[] = [];
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const { line, col } = lineCounter.linePos(e.pos[0]);
      errors.push({ file, line, column: col, message: `invalid YAML: ${e.message.split("\n")[0]}` });
    }
    return { assertions: [], errors };
  }
  const at = (path: readonly PropertyKey[], key?: string): Pick<InputError, "line" | "column"> => position(doc, lineCounter, path, key);
  const root: unknown = doc.toJS();
  if (typeof root !== "object" || root === null || Array.isArray(root) || !("assertions" in root)) {
    return { assertions: [], errors: [{ file, ...at([]), message: 'expected a mapping with an "assertions" list' }] };
  }
  const extra = Object.keys(root).filter((k) => k !== "assertions");
  for (const k of extra) errors.push({ file, ...at([], k), message: `unknown top-level key "${k}" (only "assertions" is allowed)` });
  const items = (root as { assertions: unknown }).assertions;
  if (!Array.isArray(items)) return { assertions: [], errors: [...errors, { file, ...at(["assertions"]), message: '"assertions" must be a list' }] };
  if (items.length === 0) errors.push({ file, ...at(["assertions"]), message: '"assertions" is empty: nothing would be checked' });

  const assertions: Assertion[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const base: PropertyKey[] = ["assertions", i];
    const rawId = (item as { id?: unknown } | null)?.id;
    const label = typeof rawId === "string" && rawId ? `assertion "${rawId}"` : `assertion #${i + 1}`;
    const report = (path: readonly PropertyKey[], message: string, key?: string): void => {
      const field = fieldPath(key === undefined ? path : [...path, key]);
      errors.push({ file, ...at([...base, ...path], key), message: `${label}: ${field ? `${field}: ` : ""}${message}` });
    };
    if (typeof item !== "object" || item === null || Array.isArray(item)) return report([], "expected a mapping");
    if (typeof rawId === "string" && rawId) {
      const previous = seen.get(rawId);
      if (previous !== undefined) report(["id"], `duplicate id (also assertion #${previous + 1})`);
      else seen.set(rawId, i);
    }
    const kinds = (Object.keys(KINDS) as AssertionKind[]).filter((k) => k in item);
    if (kinds.length !== 1) {
      return report([], kinds.length ? `give only one of can-i, can-i-path and who-can (found ${kinds.join(", ")})` : "needs one of can-i, can-i-path or who-can");
    }
    const parsed = KINDS[kinds[0]!].safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (issue.code === "unrecognized_keys") for (const k of issue.keys) report(issue.path, "unknown field", k);
        else report(issue.path, issueMessage(issue));
      }
      return;
    }
    assertions.push(parsed.data);
  });
  return { assertions: errors.length ? [] : assertions, errors };
}

/** `["can-i", "verb"]` → `can-i.verb`; `["expect", 0, "namespace"]` → `expect[0].namespace`. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("");
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && /received undefined$/.test(issue.message)) return `is required (${issue.expected})`;
  return issue.message.replace(/^Invalid input: /, "");
}

/** Line and column of the node at `path` (of `key` itself when given), or of its nearest existing ancestor. */
function position(doc: Document, lc: LineCounter, path: readonly PropertyKey[], key?: string): Pick<InputError, "line" | "column"> {
  let node: unknown = doc.contents;
  let located: YamlNode | undefined = node as YamlNode | undefined;
  const steps = key === undefined ? path : [...path, key];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const last = i === steps.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) break;
      if (last && key !== undefined) {
        located = pair.key as YamlNode;
        break;
      }
      node = pair.value;
    } else if (isSeq(node) && typeof step === "number") {
      node = node.items[step];
    } else {
      break;
    }
    if (node && typeof node === "object" && "range" in node) located = node as YamlNode;
    else break;
  }
  const offset = located?.range?.[0];
  if (offset === undefined) return {};
  const { line, col } = lc.linePos(offset);
  return { line, column: col };
}

/** A subject as `actual` reports it: kind, name and (service accounts only) namespace. */
export type ActualSubject = Pick<SubjectRef, "kind" | "name" | "namespace">;

export interface AssertionResult {
  id: string;
  passed: boolean;
  /** can-i / can-i-path: whether the request is allowed. who-can: the subjects allowed. */
  actual: boolean | ActualSubject[];
  /** One line for humans: what was asked, expected and found. */
  summary: string;
}

const subjectKey = (s: ActualSubject): string => `${s.kind}\u0000${s.namespace ?? ""}\u0000${s.name}`;
const showSubject = (s: ActualSubject): string => `${s.kind} ${s.namespace ? `${s.namespace}/` : ""}${s.name}`;

/** Request attributes of a can-i or who-can spec. Null or missing namespace = cluster-scoped; missing apiGroup = core. */
function resourceRequest(spec: z.infer<typeof whoCanSpec>): RequestAttributes {
  return {
    type: "resource",
    verb: spec.verb,
    apiGroup: spec.apiGroup ?? "",
    resource: spec.resource,
    ...(spec.subresource !== undefined ? { subresource: spec.subresource } : {}),
    ...(spec.name !== undefined ? { name: spec.name } : {}),
    ...(spec.namespace ? { namespace: spec.namespace } : {}),
  };
}

/** Evaluates one assertion against an analysis. `groups`, when given, is the complete group list. */
export function evaluateAssertion(analysis: Analysis, a: Assertion): AssertionResult {
  if ("can-i" in a || "can-i-path" in a) {
    const spec = "can-i" in a ? a["can-i"] : a["can-i-path"];
    const request: RequestAttributes = "can-i" in a ? resourceRequest(a["can-i"]) : { type: "nonResource", verb: a["can-i-path"].verb, path: a["can-i-path"].path };
    const groups = spec.groups ?? implicitGroupsFor(spec.user);
    const allowed = canI(analysis, spec.user, groups, request).allowed;
    const yn = (b: boolean): string => (b ? "yes" : "no");
    return {
      id: a.id,
      passed: allowed === a.expect,
      actual: allowed,
      summary: `can ${spec.user} ${describeRequest(request)}? ${yn(allowed)} (expected ${yn(a.expect)})`,
    };
  }
  const request = resourceRequest(a["who-can"]);
  const actual: ActualSubject[] = whoCan(analysis, request).map((s) => ({ kind: s.kind, name: s.name, ...(s.namespace ? { namespace: s.namespace } : {}) }));
  const have = new Set(actual.map(subjectKey));
  const question = `who can ${describeRequest(request)}?`;
  if (a["expect-none"]) {
    return { id: a.id, passed: actual.length === 0, actual, summary: `${question} ${actual.length ? `expected nobody, found ${actual.map(showSubject).join(", ")}` : "nobody, as expected"}` };
  }
  const exact = a.expect !== undefined;
  const expected = (a.expect ?? a["expect-subset"])!;
  const want = new Set(expected.map(subjectKey));
  const missing = expected.filter((s) => !have.has(subjectKey(s)));
  const unexpected = exact ? actual.filter((s) => !want.has(subjectKey(s))) : [];
  const passed = missing.length === 0 && unexpected.length === 0;
  const problems = [
    missing.length ? `missing ${missing.map(showSubject).join(", ")}` : "",
    unexpected.length ? `unexpected ${unexpected.map(showSubject).join(", ")}` : "",
  ].filter(Boolean);
  const summary = passed
    ? `${question} ${exact ? "exactly the expected subjects" : "includes the expected subjects"} (${plural(actual.length)})`
    : `${question} ${problems.join("; ")}`;
  return { id: a.id, passed, actual, summary };
}

const plural = (n: number): string => `${n} ${n === 1 ? "subject" : "subjects"}`;

import { LineCounter, parseDocument } from "yaml";
import type { AwsAuthMapping } from "@/lib/k8s/types";

/**
 * Parses the `data` of the EKS ConfigMap kube-system/aws-auth the way aws-iam-authenticator does
 * (pkg/mapper/configmap/configmap.go `ParseMap`):
 * - only the exact keys `mapRoles` and `mapUsers` are read (map lookups, case-sensitive); `maproles`, `MaPrOlEs`
 *   and the like are ignored by the authenticator, so they map nobody (we warn);
 * - each value is a YAML string holding a list of `{rolearn|userarn, username, groups}` entries, decoded through
 *   encoding/json, whose field matching is case-insensitive (`roleARN`, `RoLeArN` work);
 * - blank values (`""`, whitespace, ``` `` ```) are skipped;
 * - one bad key does not stop the other ("Only saving data that was good").
 * A ConfigMap whose data values are not all strings (e.g. mapRoles written as a YAML list, without `|`) is rejected
 * by the API server, so it yields an error and no mappings at all.
 */

export interface AwsAuthProblem {
  severity: "error" | "warning";
  message: string;
}

export interface AwsAuthResult {
  mappings: AwsAuthMapping[];
  problems: AwsAuthProblem[];
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const KEYS = { mapRoles: { type: "role", arnField: "rolearn" }, mapUsers: { type: "user", arnField: "userarn" } } as const;

function isSkippable(data: string): boolean {
  const t = data.trim();
  return t === "" || t === "``" || t === '""';
}

/** encoding/json field lookup: an exact match wins, otherwise the first case-insensitive match. */
function jsonField(o: Obj, field: string): unknown {
  if (field in o) return o[field];
  for (const k of Object.keys(o)) if (k.toLowerCase() === field) return o[k];
  return undefined;
}

export function parseAwsAuth(data: unknown): AwsAuthResult {
  const problems: AwsAuthProblem[] = [];
  const mappings: AwsAuthMapping[] = [];
  if (data === undefined || data === null) return { mappings, problems };
  if (!isObj(data)) {
    return { mappings, problems: [{ severity: "error", message: "aws-auth: data must be a map of strings" }] };
  }
  const nonString = Object.keys(data).filter((k) => typeof data[k] !== "string" && data[k] !== null);
  if (nonString.length > 0) {
    return {
      mappings,
      problems: nonString.map((k) => ({
        severity: "error" as const,
        message: `aws-auth: data.${k} must be a string (ConfigMap data values are strings; did you forget the '|' after '${k}:'?) — the API server rejects this ConfigMap, so it maps nobody`,
      })),
    };
  }
  const known = ["mapRoles", "mapUsers", "mapAccounts"];
  for (const k of Object.keys(data)) {
    const exact = known.find((n) => n.toLowerCase() === k.toLowerCase());
    if (exact !== undefined && exact !== k) {
      problems.push({
        severity: "warning",
        message: `aws-auth: key '${k}' is ignored by aws-iam-authenticator (keys are case-sensitive; it reads '${exact}')`,
      });
    }
  }

  for (const key of ["mapRoles", "mapUsers"] as const) {
    const text = data[key];
    if (typeof text !== "string" || isSkippable(text)) continue;
    const { type, arnField } = KEYS[key];
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { prettyErrors: false, lineCounter });
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      const p = lineCounter.linePos(e.pos[0]);
      const where = ` at line ${p.line}, column ${p.col} of the ${key} string`;
      problems.push({ severity: "error", message: `aws-auth: ${key} is not valid YAML${where}: ${firstLine(e.message)}` });
      continue;
    }
    let list: unknown;
    try {
      list = doc.toJS();
    } catch (e) {
      problems.push({ severity: "error", message: `aws-auth: ${key} is not valid YAML: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    if (list === null || list === undefined) continue;
    if (!Array.isArray(list)) {
      problems.push({ severity: "error", message: `aws-auth: ${key} must be a YAML list of mappings` });
      continue;
    }
    list.forEach((entry, i) => {
      const where = `aws-auth: ${key}[${i}]`;
      if (!isObj(entry)) {
        problems.push({ severity: "error", message: `${where} must be a mapping with ${arnField}, username, groups` });
        return;
      }
      const arn = jsonField(entry, arnField);
      const username = jsonField(entry, "username");
      const groups = jsonField(entry, "groups");
      if (typeof arn !== "string" || arn === "") {
        problems.push({ severity: "error", message: `${where}: ${arnField} is required and must be a string` });
        return;
      }
      if (username !== undefined && username !== null && typeof username !== "string") {
        problems.push({ severity: "error", message: `${where}: username must be a string` });
        return;
      }
      if (groups !== undefined && groups !== null && !(Array.isArray(groups) && groups.every((g) => typeof g === "string"))) {
        problems.push({ severity: "error", message: `${where}: groups must be a list of strings` });
        return;
      }
      const m: AwsAuthMapping = { type, arn, groups: (groups as string[] | null | undefined) ?? [] };
      for (const g of m.groups) {
        // A mis-indented "- group" line folds into the previous item as one plain scalar; the authenticator then
        // grants a group named e.g. "system:bootstrappers - system:nodes", which no binding names.
        if (/\s-\s/.test(g)) {
          problems.push({ severity: "warning", message: `${where}: group '${g}' contains ' - ': probably a mis-indented list item` });
        }
      }
      if (typeof username === "string" && username !== "") m.username = username;
      mappings.push(m);
    });
  }
  return { mappings, problems };
}

function firstLine(s: string): string {
  return s.split("\n", 1)[0] ?? s;
}

import { z } from "zod";

/**
 * Building blocks for URL query schemas. A query value arrives as a string, as an array when the key is repeated
 * (`?level=high&level=critical`), or not at all; pages and route handlers parse the same shapes with the same schemas.
 */

/** One value: the first of a repeated key; empty strings count as absent. */
export const single = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => {
    const first = Array.isArray(v) ? v[0] : v;
    return first === "" ? undefined : first;
  }, schema.optional());

/** A list: repeated keys and/or comma-separated values; empty entries dropped. */
export const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => {
    if (v === undefined || v === null) return undefined;
    const parts = (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(",")).map((s) => s.trim()).filter(Boolean);
    return parts.length ? parts : undefined;
  }, z.array(item).optional());

/** `true`/`false`/`1`/`0`/`yes`/`no`. */
export const bool = single(
  z
    .enum(["true", "false", "1", "0", "yes", "no"], { message: "expected true or false" })
    .transform((s) => s === "true" || s === "1" || s === "yes"),
);

/** A positive integer id. */
export const id = single(z.coerce.number({ message: "expected a number" }).int().positive());

/** Which snapshot: a snapshot id, or a cluster id (its current snapshot), or neither (the first cluster's current one). */
export const snapshotSelectorShape = {
  cluster: id,
  snapshot: id,
};
export const snapshotSelectorSchema = z.object(snapshotSelectorShape);
export type SnapshotSelector = z.infer<typeof snapshotSelectorSchema>;

/** URLSearchParams or a page's `searchParams` object → a plain object with arrays for repeated keys. */
export function queryObject(input: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (input instanceof URLSearchParams) {
    for (const key of new Set(input.keys())) {
      const all = input.getAll(key);
      out[key] = all.length === 1 ? all[0]! : all;
    }
    return out;
  }
  for (const [k, v] of Object.entries(input)) if (v !== undefined) out[k] = v;
  return out;
}

/** "field: message; field: message" for an error state or a 400 body. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`).join("; ");
}

import { z } from "zod";
import { bool, list, single, snapshotSelectorShape } from "./query";

export const SUBJECT_KINDS = ["User", "Group", "ServiceAccount"] as const;
export const RISK_LEVEL_VALUES = ["critical", "high", "medium", "low", "info", "none"] as const;
export const IDENTITY_SORTS = ["score", "name", "findings", "grants"] as const;
/** `own` (default): the organisation's identities only; `all`; `only`: Kubernetes' built-in identities only. */
export const BUILT_IN_MODES = ["own", "all", "only"] as const;

/**
 * GET /api/identities and the identities page: `q`, `kind`, `namespace`, `level` (repeatable or comma-separated),
 * `rule`, `builtIn` (own | all | only), `overPermissive`, `sort`, `page`, `pageSize`, plus the snapshot selector.
 */
export const identityListQuerySchema = z.object({
  ...snapshotSelectorShape,
  q: single(z.string().max(200)),
  kind: single(z.enum(SUBJECT_KINDS)),
  namespace: single(z.string().max(253)),
  level: list(z.enum(RISK_LEVEL_VALUES)),
  rule: single(z.string().max(100).regex(/^[a-z0-9-]+$/, "expected a rule id such as pods-exec")),
  builtIn: single(z.enum(BUILT_IN_MODES)),
  overPermissive: bool,
  sort: single(z.enum(IDENTITY_SORTS)),
  page: single(z.coerce.number().int().min(1).max(100_000)),
  pageSize: single(z.coerce.number().int().min(1).max(500)),
});
export type IdentityListQuery = z.infer<typeof identityListQuerySchema>;

/** GET /api/identities/{id}: the snapshot selector. */
export const identityDetailQuerySchema = z.object({ ...snapshotSelectorShape });

/** A stored identity id: `User:NAME`, `Group:NAME` or `ServiceAccount:NAMESPACE:NAME`. */
export const identityIdSchema = z
  .string()
  .max(600)
  .regex(/^(User:.+|Group:.+|ServiceAccount:[^:]+:.+)$/, "expected User:NAME, Group:NAME or ServiceAccount:NAMESPACE:NAME");

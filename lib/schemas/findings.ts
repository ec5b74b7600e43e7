import { z } from "zod";
import { bool, list, single, snapshotSelectorShape } from "./query";

export const SEVERITY_VALUES = ["critical", "high", "medium", "low", "info"] as const;

/**
 * GET /api/findings: `rule`, `severity` (repeatable or comma-separated), `identity`, `namespace` (`-` = cluster-wide
 * findings only), `byDesign`, `q`, `page`, `pageSize`, plus the snapshot selector.
 */
export const findingListQuerySchema = z.object({
  ...snapshotSelectorShape,
  rule: single(z.string().max(100).regex(/^[a-z0-9-]+$/, "expected a rule id such as pods-exec")),
  severity: list(z.enum(SEVERITY_VALUES)),
  identity: single(z.string().max(600)),
  namespace: single(z.string().max(253)),
  byDesign: bool,
  q: single(z.string().max(200)),
  page: single(z.coerce.number().int().min(1).max(100_000)),
  pageSize: single(z.coerce.number().int().min(1).max(500)),
});
export type FindingListQuery = z.infer<typeof findingListQuerySchema>;

/** The findings page: severity filter and whether to show Kubernetes' by-design defaults. */
export const findingsPageQuerySchema = z.object({
  ...snapshotSelectorShape,
  severity: list(z.enum(SEVERITY_VALUES)),
  byDesign: bool,
});

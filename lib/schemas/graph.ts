import { z } from "zod";
import { parseFocus } from "@/lib/view/access-graph";
import { single, snapshotSelectorShape } from "./query";

/**
 * GET /api/graph and the graph page: `focus` is a node id — `identity:<IdentityId>`, `namespace:<name>`,
 * `binding:<kind>:<namespace>:<name>`, `role:<kind>:<namespace>:<name>`, `sa-in:<namespace>`,
 * `bindings-of:<namespace>:role:<kind>:<namespace>:<name>` — or `overview` (every namespace). Default: overview.
 */
export const graphQuerySchema = z.object({
  ...snapshotSelectorShape,
  focus: single(z.string().max(1200).refine((f) => parseFocus(f) !== undefined, "expected a node id such as identity:ServiceAccount:ci:deployer or namespace:payments")),
});
export type GraphQuery = z.infer<typeof graphQuerySchema>;

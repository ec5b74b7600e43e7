import { z } from "zod";
import { parseLabelSelector } from "@/lib/graph";
import { single, snapshotSelectorShape } from "./query";
import { identityIdSchema } from "./identities";

/** A crown-jewel id of lib/graph: `jewel:cluster-admin`, `jewel:name:<name>`, `jewel:secret:<ns>/<name>`, … */
export const jewelIdSchema = z.string().min(7).max(600).regex(/^jewel:./, "expected a crown-jewel id such as jewel:cluster-admin or jewel:name:Payments DB");

/** GET /api/crown-jewels and the crown-jewels page: the snapshot selector. */
export const crownJewelListQuerySchema = z.object({ ...snapshotSelectorShape });

/** GET /api/crown-jewels/{id} and its page: the snapshot selector and a page of reachers. */
export const crownJewelDetailQuerySchema = z.object({
  ...snapshotSelectorShape,
  page: single(z.coerce.number().int().min(1).max(100_000)),
  pageSize: single(z.coerce.number().int().min(1).max(200)),
});

/** GET /api/identities/{id}/paths: the snapshot selector, optionally one jewel. */
export const identityPathsQuerySchema = z.object({
  ...snapshotSelectorShape,
  jewel: single(jewelIdSchema),
});

/**
 * The access graph's paths layer (`/graph?layer=paths`): the jewel whose reachers are drawn, and optionally the path to
 * highlight — `path` is the identity it starts from, `rank` which of its paths to the jewel (0 = cheapest).
 */
export const pathsLayerQuerySchema = z.object({
  ...snapshotSelectorShape,
  layer: single(z.literal("paths")),
  jewel: single(jewelIdSchema),
  path: single(identityIdSchema),
  rank: single(z.coerce.number().int().min(0).max(10)),
});

/** A Kubernetes object name or namespace (DNS-1123 subdomain: lower case, digits, `-` and `.`). */
const k8sName = z
  .string()
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "expected a Kubernetes name: lower-case letters, digits, '-' and '.'");

/** Form text: trimmed, and empty means absent. */
const optionalText = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v), schema.optional());

/**
 * The admin form adding a crown-jewel selector to a cluster. At least one of namespace, name and label selector narrows
 * it (an empty selector would make every object of the kind a crown jewel); the label selector uses kubectl's syntax.
 */
export const crownJewelSelectorFormSchema = z
  .object({
    clusterId: z.coerce.number({ message: "choose a cluster" }).int().positive("choose a cluster"),
    kind: z.enum(["Namespace", "Workload", "Secret"], { message: "choose Namespace, Workload or Secret" }),
    namespace: optionalText(k8sName),
    name: optionalText(k8sName),
    labelSelector: optionalText(
      z
        .string()
        .max(1000)
        .superRefine((s, ctx) => {
          try {
            parseLabelSelector(s);
          } catch (e) {
            ctx.addIssue({ code: "custom", message: e instanceof Error ? e.message : "invalid label selector" });
          }
        }),
    ),
    jewelName: optionalText(z.string().max(100)),
    tier: optionalText(z.string().max(40).regex(/^[a-z0-9][a-z0-9-]*$/, "expected a tier such as tier-0")),
  })
  .superRefine((s, ctx) => {
    if (s.namespace === undefined && s.name === undefined && s.labelSelector === undefined) {
      ctx.addIssue({ code: "custom", path: ["labelSelector"], message: "give a namespace, a name or a label selector: an empty selector would select every object of the kind" });
    }
  });
export type CrownJewelSelectorForm = z.infer<typeof crownJewelSelectorFormSchema>;

/** Deleting a selector. */
export const crownJewelSelectorRefSchema = z.object({ id: z.coerce.number().int().positive() });

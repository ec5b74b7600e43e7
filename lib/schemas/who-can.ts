import { z } from "zod";
import { list, single, snapshotSelectorShape } from "./query";

const name = (max: number) => z.string().trim().max(max);
const dns = single(name(253).regex(/^[a-z0-9*]([-a-z0-9.*]*[a-z0-9*])?$/, "expected a Kubernetes name"));

/** The request part shared by who-can and can-i: a resource request, or a non-resource URL with `path`. */
export const requestShape = {
  verb: single(name(63).regex(/^[A-Za-z*][A-Za-z0-9*-]*$/, "expected a verb such as get, create or *")),
  /** `pods`, `deployments.apps`, `pods/exec`, `*`. */
  resource: single(name(253).regex(/^[A-Za-z0-9*][A-Za-z0-9.*-]*(\/[A-Za-z0-9*][A-Za-z0-9.*-]*)?$/, "expected RESOURCE[.GROUP][/SUBRESOURCE]")),
  subresource: single(name(63).regex(/^[A-Za-z0-9*][A-Za-z0-9*-]*$/, "expected a subresource such as exec or scale")),
  /** `""` (core) is expressed by leaving it out; `core` is accepted as an alias. */
  apiGroup: single(name(253).regex(/^([a-z0-9*]([-a-z0-9.*]*[a-z0-9*])?)?$/, "expected an API group such as apps")),
  name: single(name(253)),
  namespace: dns,
  /** Non-resource URL (`/healthz`, `/metrics`); excludes resource, apiGroup, name and namespace. */
  path: single(name(1000).regex(/^\//, "a non-resource URL starts with /")),
};

/** GET /api/who-can and the who-can page. */
export const whoCanQuerySchema = z.object({ ...snapshotSelectorShape, ...requestShape });
export type WhoCanQuery = z.infer<typeof whoCanQuerySchema>;

/** GET /api/can-i and the can-i form: the request plus `user` and `group` (repeatable or comma-separated). */
export const canIQuerySchema = z.object({
  ...snapshotSelectorShape,
  ...requestShape,
  user: single(name(600)),
  group: list(name(600)),
});
export type CanIQuery = z.infer<typeof canIQuerySchema>;

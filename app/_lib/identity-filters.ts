import type { IdentityListQuery } from "@/lib/schemas/identities";
import type { IdentityListFilters } from "@/lib/store";

/** Query (page or API) → lib/store filters. `builtIn`: own (default) hides Kubernetes' identities, all shows both, only shows just them. */
export function identityFilters(q: IdentityListQuery): IdentityListFilters {
  const builtIn = q.builtIn ?? "own";
  return {
    ...(q.q ? { q: q.q } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.namespace ? { namespace: q.namespace } : {}),
    ...(q.level ? { level: q.level } : {}),
    ...(q.rule ? { ruleId: q.rule } : {}),
    ...(builtIn === "all" ? {} : { builtIn: builtIn === "only" }),
    ...(q.overPermissive !== undefined ? { overPermissive: q.overPermissive } : {}),
    sort: q.sort ?? "score",
    page: q.page ?? 1,
    pageSize: q.pageSize ?? 50,
  };
}

/** Palisade's own application roles. admin ⊃ reviewer ⊃ viewer. */
export type AppRole = "admin" | "reviewer" | "viewer";

export const APP_ROLES: readonly AppRole[] = ["viewer", "reviewer", "admin"];

const RANK: Record<AppRole, number> = { viewer: 0, reviewer: 1, admin: 2 };

/** True when `role` includes every permission of `minRole` (admin ⊃ reviewer ⊃ viewer). */
export function roleAtLeast(role: AppRole, minRole: AppRole): boolean {
  return RANK[role] >= RANK[minRole];
}

export function isAppRole(value: unknown): value is AppRole {
  return value === "admin" || value === "reviewer" || value === "viewer";
}

// Server-side only.
import type { AuditQuery } from "@/lib/schemas/auth";
import { authDb } from "./db";
import type { RequestMeta } from "./request-meta";

/** Who did something: a signed-in user, an API token, or nobody known (failed sign-in). */
export interface AuditActor {
  id?: string | null;
  /** Email of a user, `token:<name>` for an API token. */
  label?: string | null;
}

export interface AuditEventInput {
  /** Dotted verb: `auth.sign_in`, `auth.sign_in_failed`, `user.create`, `token.revoke`, `export.download`, `review.decide`, … */
  action: string;
  outcome?: "success" | "failure";
  actor?: AuditActor | null;
  /** What it was about: `user:bob@example.com`, `token:ci`, `cluster:prod`, `review:42`. */
  target?: string | null;
  meta?: RequestMeta | null;
  /** Small, non-secret context (never passwords, tokens or secrets). */
  details?: Record<string, unknown>;
}

export interface AuditEventRow {
  id: string;
  at: Date;
  action: string;
  outcome: string;
  actorId: string | null;
  actor: string | null;
  target: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
}

/**
 * Records one of Palisade's own sensitive actions in the audit trail (who, what, when, from where).
 * For other features: `await recordAuditEvent({ action: "export.download", actor: { id: user.id, label: user.email }, target: "cluster:prod", meta })`
 * — get `meta` from `requestMeta(headers)`, or pass the `user` from requireUser/apiRoute through `auditActor(user)`.
 */
export async function recordAuditEvent(event: AuditEventInput): Promise<void> {
  const db = await authDb();
  await db.auditEvent.create({
    data: {
      action: event.action.slice(0, 100),
      outcome: event.outcome ?? "success",
      actorId: event.actor?.id ?? null,
      actor: event.actor?.label?.slice(0, 254) ?? null,
      target: event.target?.slice(0, 300) ?? null,
      ip: event.meta?.ip ?? null,
      userAgent: event.meta?.userAgent ?? null,
      details: (event.details ?? {}) as object,
    },
  });
}

/** The audit actor for a SessionUser (users and API-token principals alike). */
export function auditActor(user: { id: string; email: string; name: string }): AuditActor {
  return { id: user.id, label: user.email || user.name };
}

export const AUDIT_PAGE_SIZE = 50;

/** Newest first, filtered; `total` counts all matches. */
export async function listAuditEvents(query: AuditQuery = {}): Promise<{ events: AuditEventRow[]; total: number; page: number; pageSize: number }> {
  const db = await authDb();
  const page = query.page ?? 1;
  const at: { gte?: Date; lt?: Date } = {};
  if (query.from) at.gte = new Date(`${query.from}T00:00:00Z`);
  if (query.to) at.lt = new Date(new Date(`${query.to}T00:00:00Z`).getTime() + 86_400_000);
  const where = {
    ...(query.action ? { action: { startsWith: query.action } } : {}),
    ...(query.actor ? { actor: { contains: query.actor, mode: "insensitive" as const } } : {}),
    ...(query.outcome ? { outcome: query.outcome } : {}),
    ...(at.gte || at.lt ? { at } : {}),
  };
  const [rows, total] = await Promise.all([
    db.auditEvent.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip: (page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE }),
    db.auditEvent.count({ where }),
  ]);
  return {
    events: rows.map((r) => ({ ...r, id: r.id.toString(), details: (r.details ?? {}) as Record<string, unknown> })),
    total,
    page,
    pageSize: AUDIT_PAGE_SIZE,
  };
}

// Server-side only.
import type { CreateTokenInput } from "@/lib/schemas/auth";
import { auditActor, recordAuditEvent } from "./audit";
import { randomToken, sha256Hex } from "./crypto";
import { AuthError, authDb } from "./db";
import type { SessionUser } from "./guard";
import type { RequestMeta } from "./request-meta";

/**
 * API tokens for machines (`palisade collect … --push URL --token T`). A token is `pal_` + 256 random bits; only its
 * sha256 is stored (a fast hash suffices for a high-entropy secret), with the first characters as a display prefix.
 * Scopes: `ingest` (POST /api/ingest only) and `read` (viewer-level GET routes).
 */

export type TokenScope = "ingest" | "read";
export const TOKEN_PREFIX = "pal_";

export interface ApiTokenRow {
  id: string;
  name: string;
  prefix: string;
  scopes: TokenScope[];
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const SELECT = { id: true, name: true, prefix: true, scopes: true, createdBy: true, createdAt: true, lastUsedAt: true, lastUsedIp: true, expiresAt: true, revokedAt: true } as const;

/** Creates a token; the returned `token` is the only time the secret exists outside the caller's hands. */
export async function createApiToken(input: CreateTokenInput, by: SessionUser, meta: RequestMeta | null, now = new Date()): Promise<{ token: string; row: ApiTokenRow }> {
  const db = await authDb();
  const token = `${TOKEN_PREFIX}${randomToken(32)}`;
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null;
  const row = await db.apiToken.create({
    data: { name: input.name, prefix: token.slice(0, 10), tokenHash: sha256Hex(token), scopes: input.scopes, createdById: by.id, createdBy: by.email, createdAt: now, expiresAt },
    select: SELECT,
  });
  await recordAuditEvent({ action: "token.create", actor: auditActor(by), target: `token:${row.name}`, meta, details: { scopes: row.scopes, expiresAt: row.expiresAt?.toISOString() ?? null } });
  return { token, row: row as ApiTokenRow };
}

export async function listApiTokens(): Promise<ApiTokenRow[]> {
  const db = await authDb();
  return (await db.apiToken.findMany({ select: SELECT, orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }] })) as ApiTokenRow[];
}

export async function revokeApiToken(id: string, by: SessionUser, meta: RequestMeta | null, now = new Date()): Promise<ApiTokenRow> {
  const db = await authDb();
  const row = await db.apiToken.findUnique({ where: { id }, select: SELECT });
  if (!row) throw new AuthError("no such token", 404);
  if (row.revokedAt) return row as ApiTokenRow;
  const updated = await db.apiToken.update({ where: { id }, data: { revokedAt: now }, select: SELECT });
  await recordAuditEvent({ action: "token.revoke", actor: auditActor(by), target: `token:${row.name}`, meta });
  return updated as ApiTokenRow;
}

export interface TokenPrincipal {
  id: string;
  name: string;
  scopes: TokenScope[];
}

/** The token behind a bearer value, or null (unknown, revoked, expired). Records last-used time and address. */
export async function authenticateApiToken(bearer: string, meta: RequestMeta | null, now = new Date()): Promise<TokenPrincipal | null> {
  if (!bearer.startsWith(TOKEN_PREFIX) || bearer.length > 200) return null;
  const db = await authDb();
  const row = await db.apiToken.findUnique({ where: { tokenHash: sha256Hex(bearer) }, select: { id: true, name: true, scopes: true, revokedAt: true, expiresAt: true, lastUsedAt: true } });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now.getTime())) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= 10_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now, lastUsedIp: meta?.ip ?? null } });
  }
  return { id: row.id, name: row.name, scopes: row.scopes.filter((s): s is TokenScope => s === "ingest" || s === "read") };
}

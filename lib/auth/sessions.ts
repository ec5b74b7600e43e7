// Server-side only.
import { SESSION_TOUCH_INTERVAL_MS, sessionTimeouts } from "./config";
import { randomToken, sha256Hex } from "./crypto";
import { authDb } from "./db";
import type { SessionUser } from "./guard";
import type { RequestMeta } from "./request-meta";

/**
 * Server-side sessions. The cookie holds 256 random bits; the database keeps only their sha256, so a leaked table
 * cannot be replayed. A session is valid while not revoked, its user exists and is enabled, it is younger than the
 * absolute lifetime and was used within the idle timeout. Every request re-reads the row, so revocation (sign-out,
 * user disabled, password changed) takes effect on the very next request.
 */

export interface NewSession {
  /** The cookie value (shown to the browser only). */
  token: string;
  idHash: string;
  expiresAt: Date;
}

export async function createSession(userId: string, meta: RequestMeta | null, now = new Date()): Promise<NewSession> {
  const db = await authDb();
  const token = randomToken(32);
  const idHash = sha256Hex(token);
  const expiresAt = new Date(now.getTime() + sessionTimeouts().absoluteMs);
  await db.authSession.create({ data: { idHash, userId, createdAt: now, lastSeenAt: now, expiresAt, ip: meta?.ip ?? null, userAgent: meta?.userAgent ?? null } });
  // Opportunistic clean-up of long-dead sessions of this user keeps the table small without a job.
  await db.authSession.deleteMany({ where: { userId, OR: [{ expiresAt: { lt: now } }, { revokedAt: { lt: new Date(now.getTime() - 86_400_000) } }] } });
  return { token, idHash, expiresAt };
}

export interface ValidSession {
  user: SessionUser;
  idHash: string;
  expiresAt: Date;
}

/** The session behind a cookie value, or null (unknown, revoked, expired, idle too long, user disabled or deleted). */
export async function validateSession(token: string | undefined | null, now = new Date()): Promise<ValidSession | null> {
  if (!token || token.length > 200) return null;
  const db = await authDb();
  const idHash = sha256Hex(token);
  const row = await db.authSession.findUnique({
    where: { idHash },
    select: { lastSeenAt: true, expiresAt: true, revokedAt: true, user: { select: { id: true, email: true, name: true, role: true, mustChangePassword: true, disabled: true } } },
  });
  if (!row || row.revokedAt || row.user.disabled) return null;
  const { idleMs } = sessionTimeouts();
  if (row.expiresAt.getTime() <= now.getTime() || row.lastSeenAt.getTime() + idleMs <= now.getTime()) return null;
  if (now.getTime() - row.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS) {
    await db.authSession.update({ where: { idHash }, data: { lastSeenAt: now } });
  }
  const u = row.user;
  return { user: { id: u.id, email: u.email, name: u.name, role: u.role, mustChangePassword: u.mustChangePassword }, idHash, expiresAt: row.expiresAt };
}

/** Sign-out: revokes one session by its cookie value. */
export async function revokeSession(token: string | undefined | null, now = new Date()): Promise<void> {
  if (!token) return;
  const db = await authDb();
  await db.authSession.updateMany({ where: { idHash: sha256Hex(token), revokedAt: null }, data: { revokedAt: now } });
}

/** Revokes every session of a user, optionally except one (the caller's own after a password change). */
export async function revokeUserSessions(userId: string, exceptIdHash: string | null = null, now = new Date()): Promise<number> {
  const db = await authDb();
  const r = await db.authSession.updateMany({
    where: { userId, revokedAt: null, ...(exceptIdHash ? { idHash: { not: exceptIdHash } } : {}) },
    data: { revokedAt: now },
  });
  return r.count;
}

export interface SessionRow {
  idHash: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

/** A user's live sessions, newest first. */
export async function listUserSessions(userId: string, now = new Date()): Promise<SessionRow[]> {
  const db = await authDb();
  const { idleMs } = sessionTimeouts();
  return db.authSession.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now }, lastSeenAt: { gt: new Date(now.getTime() - idleMs) } },
    select: { idHash: true, createdAt: true, lastSeenAt: true, expiresAt: true, ip: true, userAgent: true },
    orderBy: { lastSeenAt: "desc" },
  });
}

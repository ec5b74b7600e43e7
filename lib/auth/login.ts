// Server-side only.
import { recordAuditEvent } from "./audit";
import { authDb } from "./db";
import { burnVerification, verifyPassword } from "./password";
import { checkLoginLock, recordLoginAttempt, remainingAttempts } from "./rate-limit";
import type { RequestMeta } from "./request-meta";
import { createSession, type NewSession } from "./sessions";
import { ensureBootstrapAdmin } from "./users";

export type PasswordSignIn =
  | { ok: true; session: NewSession; userId: string; mustChangePassword: boolean }
  | { ok: false; status: 401 | 403 | 429; error: string };

const BAD_CREDENTIALS = "Incorrect email or password.";

/**
 * Email + password sign-in: lockout check, constant-time-ish verification (a dummy hash for unknown emails), attempt
 * and audit records, and a new session on success. Messages never reveal whether an email has an account.
 */
export async function signInWithPassword(email: string, password: string, meta: RequestMeta, now = new Date()): Promise<PasswordSignIn> {
  await ensureBootstrapAdmin();
  const lock = await checkLoginLock(email, meta.ip, now);
  if (lock.locked) {
    await recordAuditEvent({ action: "auth.sign_in_failed", outcome: "failure", actor: { label: email }, target: `user:${email}`, meta, details: { reason: `locked (${lock.scope})` } });
    return { ok: false, status: 429, error: lock.message };
  }
  const db = await authDb();
  const user = await db.appUser.findUnique({ where: { email }, select: { id: true, passwordHash: true, disabled: true, mustChangePassword: true, source: true } });
  const valid = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : (await burnVerification(password), false);
  if (!valid || !user) {
    await recordLoginAttempt(email, meta.ip, false, now);
    await recordAuditEvent({ action: "auth.sign_in_failed", outcome: "failure", actor: { label: email }, target: `user:${email}`, meta, details: { reason: user ? "wrong password" : "unknown email" } });
    const left = await remainingAttempts(email, now);
    const after = await checkLoginLock(email, meta.ip, now);
    if (after.locked) return { ok: false, status: 429, error: after.message };
    return { ok: false, status: 401, error: left <= 2 ? `${BAD_CREDENTIALS} ${left} attempt${left === 1 ? "" : "s"} left before this account is locked for a while.` : BAD_CREDENTIALS };
  }
  if (user.disabled) {
    // The password was right, so saying so leaks nothing an attacker could use.
    await recordLoginAttempt(email, meta.ip, false, now);
    await recordAuditEvent({ action: "auth.sign_in_failed", outcome: "failure", actor: { id: user.id, label: email }, target: `user:${email}`, meta, details: { reason: "account disabled" } });
    return { ok: false, status: 403, error: "This account is disabled. Ask a Palisade admin to enable it." };
  }
  await recordLoginAttempt(email, meta.ip, true, now);
  const session = await createSession(user.id, meta, now);
  await db.appUser.update({ where: { id: user.id }, data: { lastLoginAt: now } });
  await recordAuditEvent({ action: "auth.sign_in", actor: { id: user.id, label: email }, target: `user:${email}`, meta, details: { method: "password" } });
  return { ok: true, session, userId: user.id, mustChangePassword: user.mustChangePassword };
}

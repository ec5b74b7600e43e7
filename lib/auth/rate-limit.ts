// Server-side only.
import { lockoutPolicy } from "./config";
import { authDb } from "./db";

/**
 * Sign-in throttling with lockout, counted in PostgreSQL (so it holds across processes and restarts):
 * after `maxFailuresPerAccount` failures for one email within the window (failures before that email's last
 * successful sign-in do not count) the account is locked until the oldest of those failures leaves the window;
 * likewise per client address with `maxFailuresPerIp`. While locked, even a correct password is refused.
 */

export type LockState = { locked: false } | { locked: true; scope: "account" | "address"; retryAfterMs: number; message: string };

export async function checkLoginLock(email: string, ip: string | null, now = new Date()): Promise<LockState> {
  const db = await authDb();
  const policy = lockoutPolicy();
  const since = new Date(now.getTime() - policy.windowMs);
  const lastSuccess = await db.loginAttempt.findFirst({ where: { email, success: true, at: { gt: since } }, orderBy: { at: "desc" }, select: { at: true } });
  const accountFailures = await db.loginAttempt.findMany({
    where: { email, success: false, at: { gt: lastSuccess?.at ?? since } },
    orderBy: { at: "desc" },
    take: policy.maxFailuresPerAccount,
    select: { at: true },
  });
  if (accountFailures.length >= policy.maxFailuresPerAccount) {
    const oldest = accountFailures[accountFailures.length - 1]!.at;
    return locked("account", oldest.getTime() + policy.windowMs - now.getTime());
  }
  if (ip) {
    const ipFailures = await db.loginAttempt.findMany({
      where: { ip, success: false, at: { gt: since } },
      orderBy: { at: "desc" },
      take: policy.maxFailuresPerIp,
      select: { at: true },
    });
    if (ipFailures.length >= policy.maxFailuresPerIp) {
      const oldest = ipFailures[ipFailures.length - 1]!.at;
      return locked("address", oldest.getTime() + policy.windowMs - now.getTime());
    }
  }
  return { locked: false };
}

function locked(scope: "account" | "address", retryAfterMs: number): LockState {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  const when = `Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
  const message =
    scope === "account"
      ? `Too many failed sign-in attempts for this account. It is locked for now. ${when}`
      : `Too many failed sign-in attempts from your network address. ${when}`;
  return { locked: true, scope, retryAfterMs: Math.max(0, retryAfterMs), message };
}

export async function recordLoginAttempt(email: string, ip: string | null, success: boolean, now = new Date()): Promise<void> {
  const db = await authDb();
  await db.loginAttempt.create({ data: { email: email.slice(0, 254), ip: ip ?? "unknown", success, at: now } });
  // Keep the table to a day of history.
  if (Math.random() < 0.02) await db.loginAttempt.deleteMany({ where: { at: { lt: new Date(now.getTime() - 86_400_000) } } });
}

/** Remaining failures before an account locks (for the "n attempts left" hint). */
export async function remainingAttempts(email: string, now = new Date()): Promise<number> {
  const db = await authDb();
  const policy = lockoutPolicy();
  const since = new Date(now.getTime() - policy.windowMs);
  const lastSuccess = await db.loginAttempt.findFirst({ where: { email, success: true, at: { gt: since } }, orderBy: { at: "desc" }, select: { at: true } });
  const failures = await db.loginAttempt.count({ where: { email, success: false, at: { gt: lastSuccess?.at ?? since } } });
  return Math.max(0, policy.maxFailuresPerAccount - failures);
}

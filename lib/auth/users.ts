// Server-side only.
import type { CreateUserInput, UpdateUserInput } from "@/lib/schemas/auth";
import { auditActor, recordAuditEvent } from "./audit";
import { bootstrapAdminEmail } from "./config";
import { AuthError, authDb } from "./db";
import type { SessionUser } from "./guard";
import { generateOneTimePassword, hashPassword, verifyPassword } from "./password";
import type { RequestMeta } from "./request-meta";
import type { AppRole } from "./roles";
import { revokeUserSessions } from "./sessions";

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: AppRole;
  source: "local" | "oidc";
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
}

const USER_SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  source: true,
  disabled: true,
  mustChangePassword: true,
  createdAt: true,
  lastLoginAt: true,
} as const;

export async function listUsers(): Promise<UserRow[]> {
  const db = await authDb();
  return db.appUser.findMany({ select: USER_SELECT, orderBy: [{ email: "asc" }] });
}

export async function getUser(id: string): Promise<UserRow | null> {
  const db = await authDb();
  return db.appUser.findUnique({ where: { id }, select: USER_SELECT });
}

/**
 * Creates a local user. Without a password a one-time password is generated, returned once (show it to the admin)
 * and must be changed at first sign-in.
 */
export async function createUser(input: CreateUserInput, by: SessionUser, meta: RequestMeta | null): Promise<{ user: UserRow; oneTimePassword?: string }> {
  const db = await authDb();
  const oneTimePassword = input.password ? undefined : generateOneTimePassword();
  const passwordHash = await hashPassword(input.password ?? oneTimePassword!);
  const existing = await db.appUser.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw new AuthError(`a user with email ${input.email} already exists`, 409);
  let user: UserRow;
  try {
    user = await db.appUser.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash, mustChangePassword: oneTimePassword !== undefined },
      select: USER_SELECT,
    });
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw new AuthError(`a user with email ${input.email} already exists`, 409);
    throw e;
  }
  await recordAuditEvent({ action: "user.create", actor: auditActor(by), target: `user:${user.email}`, meta, details: { role: user.role, oneTimePassword: oneTimePassword !== undefined } });
  return { user, oneTimePassword };
}

/**
 * Changes a user's name, role or disabled flag. Disabling revokes every session of the user at once. An admin cannot
 * demote or disable themself, and the last enabled admin cannot lose that role (nobody could manage users afterwards).
 */
export async function updateUser(id: string, input: UpdateUserInput, by: SessionUser, meta: RequestMeta | null): Promise<UserRow> {
  const db = await authDb();
  const user = await db.appUser.findUnique({ where: { id }, select: USER_SELECT });
  if (!user) throw new AuthError("no such user", 404);
  const losesAdmin = user.role === "admin" && !user.disabled && ((input.role !== undefined && input.role !== "admin") || input.disabled === true);
  if (losesAdmin && id === by.id) throw new AuthError("you cannot demote or disable your own account", 409);
  if (losesAdmin) await assertAnotherAdmin(id);
  const updated = await db.appUser.update({
    where: { id },
    data: { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.role !== undefined ? { role: input.role } : {}), ...(input.disabled !== undefined ? { disabled: input.disabled } : {}) },
    select: USER_SELECT,
  });
  if (input.disabled === true && !user.disabled) await revokeUserSessions(id);
  const changes: Record<string, unknown> = {};
  if (input.name !== undefined && input.name !== user.name) changes.name = { from: user.name, to: input.name };
  if (input.role !== undefined && input.role !== user.role) changes.role = { from: user.role, to: input.role };
  if (input.disabled !== undefined && input.disabled !== user.disabled) changes.disabled = input.disabled;
  const action = input.disabled === true && !user.disabled ? "user.disable" : input.disabled === false && user.disabled ? "user.enable" : "user.update";
  await recordAuditEvent({ action, actor: auditActor(by), target: `user:${user.email}`, meta, details: changes });
  return updated;
}

/** Deletes a user (their sessions go with them). Same self/last-admin protection as {@link updateUser}. */
export async function deleteUser(id: string, by: SessionUser, meta: RequestMeta | null): Promise<void> {
  const db = await authDb();
  const user = await db.appUser.findUnique({ where: { id }, select: USER_SELECT });
  if (!user) throw new AuthError("no such user", 404);
  if (id === by.id) throw new AuthError("you cannot delete your own account", 409);
  if (user.role === "admin" && !user.disabled) await assertAnotherAdmin(id);
  await db.appUser.delete({ where: { id } });
  await recordAuditEvent({ action: "user.delete", actor: auditActor(by), target: `user:${user.email}`, meta, details: { role: user.role } });
}

/** An admin resets a local user's password to a new one-time password (returned once); the user's sessions end. */
export async function resetPassword(id: string, by: SessionUser, meta: RequestMeta | null): Promise<string> {
  const db = await authDb();
  const user = await db.appUser.findUnique({ where: { id }, select: USER_SELECT });
  if (!user) throw new AuthError("no such user", 404);
  if (user.source !== "local") throw new AuthError("single-sign-on users have no Palisade password", 409);
  const oneTimePassword = generateOneTimePassword();
  await db.appUser.update({ where: { id }, data: { passwordHash: await hashPassword(oneTimePassword), mustChangePassword: true } });
  await revokeUserSessions(id);
  await recordAuditEvent({ action: "user.password_reset", actor: auditActor(by), target: `user:${user.email}`, meta });
  return oneTimePassword;
}

/**
 * A user changes their own password (the current one is required). Other sessions of the user are revoked; the
 * caller's session stays (`keepSessionHash`).
 */
export async function changeOwnPassword(
  user: SessionUser,
  input: { currentPassword: string; newPassword: string },
  keepSessionHash: string | null,
  meta: RequestMeta | null,
): Promise<void> {
  const db = await authDb();
  const row = await db.appUser.findUnique({ where: { id: user.id }, select: { passwordHash: true, source: true, email: true } });
  if (!row || row.source !== "local" || !row.passwordHash) throw new AuthError("this account signs in through single sign-on and has no Palisade password", 409);
  if (!(await verifyPassword(row.passwordHash, input.currentPassword))) {
    await recordAuditEvent({ action: "user.password_change", outcome: "failure", actor: auditActor(user), target: `user:${row.email}`, meta, details: { reason: "wrong current password" } });
    throw new AuthError("the current password is not correct", 400);
  }
  await db.appUser.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(input.newPassword), mustChangePassword: false } });
  await revokeUserSessions(user.id, keepSessionHash);
  await recordAuditEvent({ action: "user.password_change", actor: auditActor(user), target: `user:${row.email}`, meta });
}

async function assertAnotherAdmin(exceptId: string): Promise<void> {
  const db = await authDb();
  const others = await db.appUser.count({ where: { role: "admin", disabled: false, id: { not: exceptId } } });
  if (others === 0) throw new AuthError("this is the last enabled admin: make another user admin first", 409);
}

interface BootstrapGlobals {
  done: Map<string, Promise<void>>;
}
const bootstrapGlobals: BootstrapGlobals = ((globalThis as { __palisadeAuthBootstrap?: BootstrapGlobals }).__palisadeAuthBootstrap ??= { done: new Map() });

/**
 * First run: when no user exists, creates the admin PALISADE_ADMIN_EMAIL (default admin@palisade.local). Its password
 * is PALISADE_ADMIN_PASSWORD when set (no forced change, for automation), otherwise a one-time password printed to the
 * server log that must be changed at first sign-in. Safe under concurrency (an advisory lock serializes processes).
 */
export function ensureBootstrapAdmin(log: (line: string) => void = (l) => console.warn(l)): Promise<void> {
  const key = process.env.DATABASE_URL ?? "embedded";
  let run = bootstrapGlobals.done.get(key);
  if (!run) {
    run = bootstrapAdmin(log);
    bootstrapGlobals.done.set(key, run);
    run.catch(() => bootstrapGlobals.done.delete(key));
  }
  return run;
}

const BOOTSTRAP_LOCK = 0x50414c41; // "PALA"

async function bootstrapAdmin(log: (line: string) => void): Promise<void> {
  const db = await authDb();
  if ((await db.appUser.count()) > 0) return;
  const fromEnv = process.env.PALISADE_ADMIN_PASSWORD;
  if (fromEnv !== undefined && fromEnv.length < 12) throw new Error("PALISADE_ADMIN_PASSWORD must be at least 12 characters");
  const email = bootstrapAdminEmail();
  const password = fromEnv || generateOneTimePassword();
  const passwordHash = await hashPassword(password);
  const created = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`;
    if ((await tx.appUser.count()) > 0) return false;
    await tx.appUser.create({ data: { email, name: "Administrator", role: "admin", passwordHash, mustChangePassword: !fromEnv } });
    await tx.auditEvent.create({ data: { action: "user.bootstrap_admin", actor: "system", target: `user:${email}`, details: { passwordFrom: fromEnv ? "PALISADE_ADMIN_PASSWORD" : "one-time password in server log" } } });
    return true;
  });
  if (!created) return;
  if (fromEnv) {
    log(`[palisade] created the first admin account ${email} with the password from PALISADE_ADMIN_PASSWORD`);
  } else {
    log(
      `[palisade] created the first admin account.\n` +
        `[palisade]   email:              ${email}\n` +
        `[palisade]   one-time password:  ${password}\n` +
        `[palisade] Sign in at /login; you will be asked to choose a new password.`,
    );
  }
}

import { beforeAll, describe, expect, it } from "vitest";
import { setupAuthTestDatabase } from "@/test/auth/auth-db";
import { authDb } from "./db";
import { signInWithPassword } from "./login";
import { hashPassword } from "./password";
import { validateSession } from "./sessions";
import { createUser, deleteUser, ensureBootstrapAdmin, updateUser, changeOwnPassword } from "./users";
import type { SessionUser } from "./guard";

const { sql } = setupAuthTestDatabase();

const PASSWORD = "the right passphrase";
let admin: SessionUser;

beforeAll(async () => {
  process.env.PALISADE_ADMIN_EMAIL = "root@example.com";
  delete process.env.PALISADE_ADMIN_PASSWORD;
  const lines: string[] = [];
  await ensureBootstrapAdmin((l) => lines.push(l));
  // First run: one admin, with a generated one-time password printed in the log and a forced change.
  const rows = await sql<{ email: string; role: string; must_change_password: boolean }>("SELECT email, role, must_change_password FROM app_user");
  expect(rows).toEqual([{ email: "root@example.com", role: "admin", must_change_password: true }]);
  const otp = /one-time password:\s+(\S+)/.exec(lines.join("\n"))?.[1];
  expect(otp).toMatch(/^[\w]{5}(-[\w]{5}){3}$/);
  const signIn = await signInWithPassword("root@example.com", otp!, { ip: "127.0.0.9", userAgent: "t" });
  expect(signIn.ok && signIn.mustChangePassword).toBe(true);
  // A second call (another process, a restart) creates nothing.
  await ensureBootstrapAdmin(() => undefined);
  expect((await sql("SELECT 1 FROM app_user")).length).toBe(1);
  const db = await authDb();
  const u = await db.appUser.findUniqueOrThrow({ where: { email: "root@example.com" } });
  admin = { id: u.id, email: u.email, name: u.name, role: "admin", mustChangePassword: false };
});

async function local(email: string): Promise<string> {
  const db = await authDb();
  return (await db.appUser.create({ data: { email, name: "T", role: "viewer", passwordHash: await hashPassword(PASSWORD) } })).id;
}

describe("password sign-in", () => {
  it("signs in with the right password and records the attempt and an audit event", async () => {
    await local("ok@example.com");
    const r = await signInWithPassword("ok@example.com", PASSWORD, { ip: "10.1.0.1", userAgent: "ua" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect((await validateSession(r.session.token))?.user.email).toBe("ok@example.com");
    const audit = await sql<{ action: string; ip: string; user_agent: string }>("SELECT action, ip, user_agent FROM audit_event WHERE target = 'user:ok@example.com'");
    expect(audit).toEqual([{ action: "auth.sign_in", ip: "10.1.0.1", user_agent: "ua" }]);
  });

  it("gives the same message for a wrong password and an unknown email", async () => {
    await local("wrong@example.com");
    const a = await signInWithPassword("wrong@example.com", "nope", { ip: "10.2.0.1", userAgent: null });
    const b = await signInWithPassword("ghost@example.com", "nope", { ip: "10.2.0.2", userAgent: null });
    expect(a).toEqual({ ok: false, status: 401, error: "Incorrect email or password." });
    expect(b).toEqual({ ok: false, status: 401, error: "Incorrect email or password." });
    const failures = await sql<{ action: string; outcome: string }>("SELECT action, outcome FROM audit_event WHERE target IN ('user:wrong@example.com','user:ghost@example.com')");
    expect(failures).toEqual([
      { action: "auth.sign_in_failed", outcome: "failure" },
      { action: "auth.sign_in_failed", outcome: "failure" },
    ]);
  });

  it("locks an account after 5 failures in 15 minutes, refuses even the right password, and unlocks after the window", async () => {
    await local("lock@example.com");
    const t0 = new Date(Date.now() + 86_400_000 * 400); // far from other tests' attempts
    const at = (min: number) => new Date(t0.getTime() + min * 60_000);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await signInWithPassword("lock@example.com", `bad-${i}`, { ip: `10.3.0.${i}`, userAgent: null }, at(i)));
    expect(results.slice(0, 2).map((r) => !r.ok && r.status)).toEqual([401, 401]);
    expect(!results[3]!.ok && results[3]!.error).toMatch(/1 attempt left/);
    // The 5th failure locks the account (from five different addresses: per-account counting).
    expect(!results[4]!.ok && results[4]!.status).toBe(429);
    const locked = await signInWithPassword("lock@example.com", PASSWORD, { ip: "10.3.1.1", userAgent: null }, at(5));
    expect(locked.ok).toBe(false);
    expect(!locked.ok && locked.status).toBe(429);
    expect(!locked.ok && locked.error).toBe("Too many failed sign-in attempts for this account. It is locked for now. Try again in 10 minutes.");
    // 15 minutes after the first failure only four remain in the window: unlocked.
    const later = await signInWithPassword("lock@example.com", PASSWORD, { ip: "10.3.1.1", userAgent: null }, at(15.1));
    expect(later.ok).toBe(true);
  });

  it("a successful sign-in resets the account's failure count", async () => {
    await local("reset@example.com");
    const t0 = new Date(Date.now() + 86_400_000 * 500);
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    for (let i = 0; i < 4; i++) await signInWithPassword("reset@example.com", "bad", { ip: "10.4.0.1", userAgent: null }, at(i));
    expect((await signInWithPassword("reset@example.com", PASSWORD, { ip: "10.4.0.1", userAgent: null }, at(10))).ok).toBe(true);
    const r = await signInWithPassword("reset@example.com", "bad", { ip: "10.4.0.1", userAgent: null }, at(20));
    expect(r).toEqual({ ok: false, status: 401, error: "Incorrect email or password." });
  });

  it("locks a client address after 20 failures across accounts", async () => {
    const t0 = new Date(Date.now() + 86_400_000 * 600);
    for (let i = 0; i < 20; i++) await signInWithPassword(`spray${i}@example.com`, "bad", { ip: "10.5.5.5", userAgent: null }, new Date(t0.getTime() + i * 1000));
    await local("victim@example.com");
    const r = await signInWithPassword("victim@example.com", PASSWORD, { ip: "10.5.5.5", userAgent: null }, new Date(t0.getTime() + 30_000));
    expect(!r.ok && r.status).toBe(429);
    expect(!r.ok && r.error).toMatch(/^Too many failed sign-in attempts from your network address\. Try again in 15 minutes\.$/);
    // Another address is not affected.
    const other = await signInWithPassword("victim@example.com", PASSWORD, { ip: "10.5.5.6", userAgent: null }, new Date(t0.getTime() + 30_000));
    expect(other.ok).toBe(true);
  });

  it("refuses a disabled account with a clear message", async () => {
    const id = await local("disabled@example.com");
    await updateUser(id, { disabled: true }, admin, null);
    const r = await signInWithPassword("disabled@example.com", PASSWORD, { ip: "10.6.0.1", userAgent: null });
    expect(r).toEqual({ ok: false, status: 403, error: "This account is disabled. Ask a Palisade admin to enable it." });
  });
});

describe("user management", () => {
  it("creates a user with a one-time password that must be changed, then the change clears the flag", async () => {
    const { user, oneTimePassword } = await createUser({ email: "new@example.com", name: "New Person", role: "reviewer" }, admin, null);
    expect(user.mustChangePassword).toBe(true);
    const s = await signInWithPassword("new@example.com", oneTimePassword!, { ip: "10.7.0.1", userAgent: null });
    expect(s.ok && s.mustChangePassword).toBe(true);
    const me = { id: user.id, email: user.email, name: user.name, role: user.role, mustChangePassword: true };
    await expect(changeOwnPassword(me, { currentPassword: "wrong", newPassword: "a brand new passphrase" }, null, null)).rejects.toThrow("the current password is not correct");
    await changeOwnPassword(me, { currentPassword: oneTimePassword!, newPassword: "a brand new passphrase" }, null, null);
    const rows = await sql<{ must_change_password: boolean; password_hash: string }>("SELECT must_change_password, password_hash FROM app_user WHERE id = $1", [user.id]);
    expect(rows[0]!.must_change_password).toBe(false);
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
    // The session that signed in with the one-time password was revoked by the change (none was kept).
    expect(s.ok && (await validateSession(s.session.token))).toBeNull();
    expect((await signInWithPassword("new@example.com", "a brand new passphrase", { ip: "10.7.0.1", userAgent: null })).ok).toBe(true);
  });

  it("refuses duplicate emails", async () => {
    await createUser({ email: "dup@example.com", name: "A", role: "viewer", password: "a long password 1" }, admin, null);
    await expect(createUser({ email: "dup@example.com", name: "B", role: "viewer", password: "a long password 2" }, admin, null)).rejects.toThrow("a user with email dup@example.com already exists");
  });

  it("never leaves Palisade without an enabled admin and never lets admins lock themselves out", async () => {
    await expect(updateUser(admin.id, { role: "viewer" }, admin, null)).rejects.toThrow("you cannot demote or disable your own account");
    await expect(deleteUser(admin.id, admin, null)).rejects.toThrow("you cannot delete your own account");
    const { user: other } = await createUser({ email: "admin2@example.com", name: "Second Admin", role: "admin", password: "a long password 3" }, admin, null);
    const otherAsActor = { ...admin, id: other.id, email: other.email };
    // Root is the only other enabled admin: demoting root from the second admin's account is fine…
    await updateUser(admin.id, { role: "reviewer" }, otherAsActor, null);
    // …but then the second admin is the last one and cannot be removed by anyone.
    await expect(deleteUser(other.id, admin, null)).rejects.toThrow("this is the last enabled admin: make another user admin first");
    await updateUser(admin.id, { role: "admin" }, otherAsActor, null);
    await deleteUser(other.id, admin, null);
    expect((await sql("SELECT 1 FROM app_user WHERE email = 'admin2@example.com'")).length).toBe(0);
    const actions = (await sql<{ action: string }>("SELECT action FROM audit_event WHERE target = 'user:admin2@example.com' ORDER BY id")).map((r) => r.action);
    expect(actions).toEqual(["user.create", "user.delete"]);
  });
});

import { describe, expect, it } from "vitest";
import { setupAuthTestDatabase } from "@/test/auth/auth-db";
import { sessionTimeouts } from "./config";
import { sha256Hex } from "./crypto";
import { authDb } from "./db";
import { hashPassword } from "./password";
import { createSession, listUserSessions, revokeSession, revokeUserSessions, validateSession } from "./sessions";
import { updateUser } from "./users";
import type { SessionUser } from "./guard";

const { sql } = setupAuthTestDatabase();

async function makeUser(email: string, role: "admin" | "reviewer" | "viewer" = "viewer"): Promise<SessionUser> {
  const db = await authDb();
  const u = await db.appUser.create({ data: { email, name: email.split("@")[0]!, role, passwordHash: await hashPassword("a long enough pw") } });
  return { id: u.id, email: u.email, name: u.name, role: u.role, mustChangePassword: u.mustChangePassword };
}

const meta = { ip: "10.0.0.1", userAgent: "vitest" };

describe("sessions", () => {
  it("stores only the sha256 of the random cookie value", async () => {
    const u = await makeUser("hash@example.com");
    const s = await createSession(u.id, meta);
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits, base64url
    const rows = await sql<{ id_hash: string }>("SELECT id_hash FROM auth_session WHERE user_id = $1", [u.id]);
    expect(rows.map((r) => r.id_hash)).toEqual([sha256Hex(s.token)]);
    expect(JSON.stringify(rows)).not.toContain(s.token);
    const v = await validateSession(s.token);
    expect(v?.user).toEqual(u);
  });

  it("rejects unknown, empty and oversized tokens", async () => {
    expect(await validateSession("nope")).toBeNull();
    expect(await validateSession("")).toBeNull();
    expect(await validateSession(undefined)).toBeNull();
    expect(await validateSession("x".repeat(5000))).toBeNull();
  });

  it("expires after the idle timeout, and activity within it keeps the session alive", async () => {
    const u = await makeUser("idle@example.com");
    const t0 = new Date("2030-01-01T00:00:00Z");
    const s = await createSession(u.id, meta, t0);
    const { idleMs } = sessionTimeouts();
    expect(await validateSession(s.token, new Date(t0.getTime() + idleMs - 1000))).not.toBeNull(); // touches lastSeenAt
    expect(await validateSession(s.token, new Date(t0.getTime() + idleMs + 1000))).not.toBeNull(); // still within idle of the touch
    expect(await validateSession(s.token, new Date(t0.getTime() + 3 * idleMs))).toBeNull();
  });

  it("expires at the absolute lifetime even when active", async () => {
    const u = await makeUser("abs@example.com");
    const t0 = new Date("2031-01-01T00:00:00Z");
    const s = await createSession(u.id, meta, t0);
    const { idleMs, absoluteMs } = sessionTimeouts();
    let t = t0.getTime();
    // Stay active every half idle period until past the absolute lifetime.
    while (t + idleMs / 2 < t0.getTime() + absoluteMs) {
      t += idleMs / 2;
      expect(await validateSession(s.token, new Date(t))).not.toBeNull();
    }
    expect(await validateSession(s.token, new Date(t0.getTime() + absoluteMs))).toBeNull();
  });

  it("sign-out revokes the session server-side", async () => {
    const u = await makeUser("out@example.com");
    const s = await createSession(u.id, meta);
    await revokeSession(s.token);
    expect(await validateSession(s.token)).toBeNull();
  });

  it("disabling a user ends all their sessions at once", async () => {
    const admin = await makeUser("admin1@example.com", "admin");
    const u = await makeUser("dis@example.com");
    const a = await createSession(u.id, meta);
    const b = await createSession(u.id, meta);
    await updateUser(u.id, { disabled: true }, admin, meta);
    expect(await validateSession(a.token)).toBeNull();
    expect(await validateSession(b.token)).toBeNull();
    const rows = await sql<{ revoked: boolean }>("SELECT revoked_at IS NOT NULL AS revoked FROM auth_session WHERE user_id = $1", [u.id]);
    expect(rows.map((r) => r.revoked)).toEqual([true, true]);
    // Even re-enabling does not revive them.
    await updateUser(u.id, { disabled: false }, admin, meta);
    expect(await validateSession(a.token)).toBeNull();
  });

  it("role changes take effect on the next request", async () => {
    const admin = await makeUser("admin2@example.com", "admin");
    const u = await makeUser("promo@example.com", "viewer");
    const s = await createSession(u.id, meta);
    await updateUser(u.id, { role: "reviewer" }, admin, meta);
    expect((await validateSession(s.token))?.user.role).toBe("reviewer");
  });

  it("revokeUserSessions can keep the caller's own session", async () => {
    const u = await makeUser("keep@example.com");
    const mine = await createSession(u.id, meta);
    const other = await createSession(u.id, meta);
    expect(await revokeUserSessions(u.id, mine.idHash)).toBe(1);
    expect(await validateSession(mine.token)).not.toBeNull();
    expect(await validateSession(other.token)).toBeNull();
    expect((await listUserSessions(u.id)).map((r) => r.idHash)).toEqual([mine.idHash]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, safeEqual, secretKey, sha256Hex } from "./crypto";
import { generateOneTimePassword, hashPassword, verifyPassword } from "./password";

describe("secret encryption (AES-256-GCM)", () => {
  const saved = process.env.PALISADE_SECRET_KEY;
  beforeEach(() => {
    process.env.PALISADE_SECRET_KEY = "a".repeat(64);
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.PALISADE_SECRET_KEY;
    else process.env.PALISADE_SECRET_KEY = saved;
  });

  it("round-trips and never contains the plaintext", () => {
    const sealed = encryptSecret("client-secret-123", "oidc.clientSecret");
    expect(sealed).not.toContain("client-secret-123");
    expect(sealed.split(".")).toHaveLength(4);
    expect(decryptSecret(sealed, "oidc.clientSecret")).toBe("client-secret-123");
    // A fresh IV each time.
    expect(encryptSecret("client-secret-123", "oidc.clientSecret")).not.toBe(sealed);
  });

  it("refuses a tampered value, another purpose, or another key", () => {
    const sealed = encryptSecret("s3cret", "oidc.clientSecret");
    const parts = sealed.split(".");
    const ct = Buffer.from(parts[3]!, "base64url");
    ct[0]! ^= 1;
    expect(decryptSecret([parts[0], parts[1], parts[2], ct.toString("base64url")].join("."), "oidc.clientSecret")).toBeNull();
    expect(decryptSecret(sealed, "oidc.flow")).toBeNull();
    process.env.PALISADE_SECRET_KEY = "b".repeat(64);
    expect(decryptSecret(sealed, "oidc.clientSecret")).toBeNull();
    expect(decryptSecret("garbage", "oidc.clientSecret")).toBeNull();
  });

  it("accepts hex, base64 and long passphrases; rejects short keys", () => {
    process.env.PALISADE_SECRET_KEY = Buffer.alloc(32, 7).toString("base64");
    expect(secretKey()).toEqual(Buffer.alloc(32, 7));
    process.env.PALISADE_SECRET_KEY = "correct horse battery staple, twice over";
    expect(secretKey()).toHaveLength(32);
    process.env.PALISADE_SECRET_KEY = "short";
    expect(() => secretKey()).toThrow(/at least 32 characters/);
  });
});

describe("hashing helpers", () => {
  it("sha256Hex matches the published test vector", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
  it("safeEqual compares exactly", () => {
    expect(safeEqual("abc", "abc")).toBe(true);
    expect(safeEqual("abc", "abd")).toBe(false);
    expect(safeEqual("abc", "abcd")).toBe(false);
  });
});

describe("passwords (argon2id)", () => {
  it("hashes with argon2id and OWASP parameters, verifies only the right password", async () => {
    const h = await hashPassword("correct horse battery");
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, "correct horse battery")).toBe(true);
    expect(await verifyPassword(h, "correct horse batterY")).toBe(false);
    expect(await verifyPassword("not a hash", "x")).toBe(false);
  });
  it("normalizes Unicode so the same visible password verifies", async () => {
    const h = await hashPassword("caf\u00e9-passphrase");
    expect(await verifyPassword(h, "cafe\u0301-passphrase")).toBe(true);
  });
  it("one-time passwords: 4 groups of 5 from an unambiguous alphabet, all different", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generateOneTimePassword();
      expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{5}(-[a-km-zA-HJ-NP-Z2-9]{5}){3}$/);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });
});

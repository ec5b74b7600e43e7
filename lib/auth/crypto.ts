// Server-side only.
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "@/lib/db";

/** A URL-safe random string carrying `bytes` bytes of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** sha256 hex: how session ids and API tokens are stored (both are high-entropy, so no salt or slow hash is needed). */
export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** Constant-time string comparison (lengths may differ). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

let cachedKey: { source: string; key: Buffer } | undefined;

/** Where the generated key lives when PALISADE_SECRET_KEY is not set. */
export function secretKeyFile(): string {
  return process.env.PALISADE_SECRET_KEY_FILE
    ? path.resolve(/*turbopackIgnore: true*/ process.env.PALISADE_SECRET_KEY_FILE)
    : path.join(/*turbopackIgnore: true*/ projectRoot(), ".data", "secret.key");
}

/**
 * The 256-bit key that encrypts secrets at rest (the OIDC client secret) and the OIDC login cookie:
 * PALISADE_SECRET_KEY (64 hex digits, 32 base64 bytes, or any passphrase of ≥ 32 characters, hashed to 256 bits), else a
 * key generated once into .data/secret.key (mode 0600). Losing that key makes stored secrets unreadable (re-enter them).
 */
export function secretKey(): Buffer {
  const fromEnv = process.env.PALISADE_SECRET_KEY;
  const source = fromEnv ? `env:${sha256Hex(fromEnv)}` : `file:${secretKeyFile()}`;
  if (cachedKey?.source === source) return cachedKey.key;
  let key: Buffer;
  if (fromEnv) {
    key = parseKey(fromEnv);
  } else {
    const file = secretKeyFile();
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
      try {
        // `wx`: when two processes race, the second fails here and reads the first one's key.
        writeFileSync(file, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      }
    }
    key = parseKey(readFileSync(file, "utf8").trim(), file);
  }
  cachedKey = { source, key };
  return key;
}

function parseKey(raw: string, where = "PALISADE_SECRET_KEY"): Buffer {
  const value = raw.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const b = Buffer.from(value, "base64");
    if (b.length === 32) return b;
  }
  if (value.length >= 32) return createHash("sha256").update(value, "utf8").digest();
  throw new Error(`${where} must be 64 hex digits, 32 bytes of base64, or a passphrase of at least 32 characters`);
}

/** AES-256-GCM with a random 96-bit IV: `v1.<iv>.<tag>.<ciphertext>` (base64url). `purpose` is bound as associated data. */
export function encryptSecret(plaintext: string, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretKey(), iv);
  cipher.setAAD(Buffer.from(purpose, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ct.toString("base64url")].join(".");
}

/** Inverse of {@link encryptSecret}; null when the value was tampered with, made for another purpose, or under another key. */
export function decryptSecret(sealed: string, purpose: string): string | null {
  const parts = sealed.split(".");
  if (parts.length !== 4 || parts[0] !== "v1") return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", secretKey(), Buffer.from(parts[1]!, "base64url"));
    decipher.setAAD(Buffer.from(purpose, "utf8"));
    decipher.setAuthTag(Buffer.from(parts[2]!, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(parts[3]!, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

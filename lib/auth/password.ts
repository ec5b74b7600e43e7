// Server-side only.
import { hash, verify } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";

/**
 * argon2id with OWASP's minimum parameters (19 MiB, 2 iterations, 1 lane): ~150 ms here. The PHC string keeps the
 * parameters, so raising them later still verifies old hashes.
 */
const ARGON2_OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (a const enum, unusable under isolatedModules) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFC"), ARGON2_OPTIONS);
}

/** False for a wrong password and for a malformed hash (never throws on bad input). */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password.normalize("NFC"));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real verification, so a missing account cannot be told apart by response time. */
export async function burnVerification(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  await verifyPassword(await dummyHash, password);
}

// No 0/O, 1/l/I: the one-time password is read from a log and typed by a person.
const OTP_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A one-time password: 20 characters from a 56-letter alphabet (~116 bits), grouped by dashes for reading. */
export function generateOneTimePassword(): string {
  const out: string[] = [];
  // Rejection sampling keeps every letter equally likely.
  while (out.length < 20) {
    for (const b of randomBytes(32)) {
      if (b < 224 && out.length < 20) out.push(OTP_ALPHABET[b % 56]!);
    }
  }
  return [0, 5, 10, 15].map((i) => out.slice(i, i + 5).join("")).join("-");
}

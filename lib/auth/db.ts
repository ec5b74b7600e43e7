// Server-side only. lib/store builds the one Prisma client; lib/auth reads and writes its own tables through it
// (users, sessions, tokens, settings, audit) and never touches the snapshot tables.
import { getPrisma } from "@/lib/store/client";

export type AuthDb = Awaited<ReturnType<typeof getPrisma>>;

/** The migrated Prisma client. */
export function authDb(): Promise<AuthDb> {
  return getPrisma();
}

/** Thrown for expected, user-facing failures (duplicate email, last admin, …): the message is safe to show. */
export class AuthError extends Error {
  override readonly name = "AuthError";
  constructor(
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 423 | 429 = 400,
  ) {
    super(message);
  }
}

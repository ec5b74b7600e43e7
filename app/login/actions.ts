"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { csrfCookie, sessionCookie } from "@/lib/auth/cookies";
import { randomToken } from "@/lib/auth/crypto";
import { checkCsrf } from "@/lib/auth/csrf";
import { CHANGE_PASSWORD_PATH, echoValues, safeNextPath, type ActionResult } from "@/lib/auth/guard";
import { signInWithPassword } from "@/lib/auth/login";
import { isHttps, publicOrigin, requestMeta } from "@/lib/auth/request-meta";
import { loginSchema } from "@/lib/schemas/auth";
import { formDataToObject } from "@/lib/auth/body";

/**
 * Email + password sign-in. The one server action that runs without a session (it creates one), so it does its own
 * checks: same-origin (CSRF), input schema, lockout and credentials in lib/auth/login.
 */
export async function signInAction(_prev: ActionResult | undefined, formData: FormData): Promise<ActionResult> {
  const h = await headers();
  const csrf = checkCsrf(h, `${publicOrigin(h)}/login`);
  if (!csrf.ok) return { ok: false, error: csrf.reason };
  const parsed = loginSchema.safeParse(formDataToObject(formData));
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const i of parsed.error.issues) (fieldErrors[i.path.map(String).join(".") || "_form"] ??= []).push(i.message);
    return { ok: false, error: "Enter your email address and password.", fieldErrors, values: echoValues(formData) };
  }
  const result = await signInWithPassword(parsed.data.email, parsed.data.password, requestMeta(h));
  if (!result.ok) return { ok: false, error: result.error, values: echoValues(formData) };
  const secure = isHttps(h, publicOrigin(h));
  const jar = await cookies();
  for (const c of [sessionCookie(result.session.token, result.session.expiresAt, secure), csrfCookie(randomToken(24), result.session.expiresAt, secure)]) {
    jar.set(c.name, c.value, { httpOnly: c.httpOnly, secure: c.secure, sameSite: c.sameSite, path: c.path, expires: c.expires });
  }
  redirect(result.mustChangePassword ? CHANGE_PASSWORD_PATH : (safeNextPath(parsed.data.next) ?? "/"));
}

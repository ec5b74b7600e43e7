// Server-side only.
import * as client from "openid-client";
import { isLoopbackHost } from "@/lib/schemas/auth";
import { recordAuditEvent } from "./audit";
import { decryptSecret, encryptSecret, sha256Hex } from "./crypto";
import { AuthError, authDb } from "./db";
import type { RequestMeta } from "./request-meta";
import type { AppRole } from "./roles";
import { createSession, type NewSession } from "./sessions";
import { getOidcSettings, openClientSecret, roleForGroups, type OidcSettings } from "./settings";

/**
 * OpenID Connect sign-in (authorization code flow + PKCE S256 + state + nonce) with openid-client 6.
 * The login transaction (state, nonce, code verifier, where to return) travels in a short-lived cookie sealed with
 * AES-256-GCM, so nothing is kept server-side and a forged or replayed cookie is useless. openid-client checks the
 * state, the ID token's signature, issuer, audience, expiry and nonce; a mismatch fails the sign-in.
 */

export const OIDC_CALLBACK_PATH = "/api/auth/oidc/callback";
const FLOW_PURPOSE = "oidc.flow";
const FLOW_TTL_MS = 10 * 60_000;

interface FlowState {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
  /** sha256 of issuer + client id: a flow started under other settings is refused. */
  settings: string;
  exp: number;
}

const configCache = new Map<string, { at: number; config: Promise<client.Configuration> }>();

function settingsFingerprint(s: OidcSettings): string {
  return sha256Hex(`${s.issuerUrl}\n${s.clientId}\n${s.clientSecretSealed ?? ""}`);
}

/** Discovery result for the current settings (cached 10 minutes; http only for a loopback issuer, e.g. tests). */
async function configuration(s: OidcSettings): Promise<client.Configuration> {
  const key = settingsFingerprint(s);
  const hit = configCache.get(key);
  if (hit && Date.now() - hit.at < 10 * 60_000) return hit.config;
  const issuer = new URL(s.issuerUrl);
  const secret = openClientSecret(s);
  const config = client.discovery(issuer, s.clientId, undefined, client.ClientSecretBasic(secret ?? undefined), {
    ...(issuer.protocol === "http:" && isLoopbackHost(issuer.hostname) ? { execute: [client.allowInsecureRequests] } : {}),
    timeout: 10,
  });
  configCache.set(key, { at: Date.now(), config });
  config.catch(() => configCache.delete(key));
  return config;
}

/** Enabled single sign-on settings, or null. */
export async function activeOidcSettings(): Promise<OidcSettings | null> {
  const s = await getOidcSettings();
  return s && s.enabled && s.clientSecretSealed ? s : null;
}

/**
 * Starts a sign-in: returns the IdP authorization URL and the sealed flow cookie value.
 * @param origin the public origin of Palisade (the redirect URI is `${origin}/api/auth/oidc/callback`).
 */
export async function startOidcSignIn(origin: string, next: string): Promise<{ url: URL; flowCookie: string }> {
  const s = await activeOidcSettings();
  if (!s) throw new AuthError("single sign-on is not configured", 404);
  const config = await configuration(s).catch((e: unknown) => {
    throw new AuthError(`the identity provider at ${s.issuerUrl} could not be reached: ${(e as Error).message}`, 400);
  });
  const verifier = client.randomPKCECodeVerifier();
  const flow: FlowState = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier,
    next,
    settings: settingsFingerprint(s),
    exp: Date.now() + FLOW_TTL_MS,
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: `${origin}${OIDC_CALLBACK_PATH}`,
    scope: s.scopes,
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state: flow.state,
    nonce: flow.nonce,
  });
  return { url, flowCookie: encryptSecret(JSON.stringify(flow), FLOW_PURPOSE) };
}

export type OidcSignIn = { ok: true; session: NewSession; next: string; email: string } | { ok: false; error: string };

/**
 * Completes a sign-in at the callback: verifies the flow cookie, exchanges the code (PKCE verifier, expected state and
 * nonce), maps the groups claim to a role, and creates or updates the user (matched by issuer + subject).
 * @param callbackUrl the full URL the IdP redirected the browser to, on Palisade's public origin.
 */
export async function finishOidcSignIn(callbackUrl: URL, flowCookie: string | undefined, meta: RequestMeta): Promise<OidcSignIn> {
  const fail = async (error: string, details: Record<string, unknown> = {}, actor: string | null = null): Promise<OidcSignIn> => {
    await recordAuditEvent({ action: "auth.sign_in_failed", outcome: "failure", actor: actor ? { label: actor } : null, meta, details: { method: "oidc", reason: error, ...details } });
    return { ok: false, error };
  };
  const idpError = callbackUrl.searchParams.get("error");
  if (idpError) return fail(`the identity provider refused the sign-in: ${idpError}${callbackUrl.searchParams.get("error_description") ? ` (${callbackUrl.searchParams.get("error_description")})` : ""}`);
  const flowJson = flowCookie ? decryptSecret(flowCookie, FLOW_PURPOSE) : null;
  if (!flowJson) return fail("the single-sign-on attempt expired or was started in another browser: start again");
  const flow = JSON.parse(flowJson) as FlowState;
  if (flow.exp < Date.now()) return fail("the single-sign-on attempt expired: start again");
  const s = await activeOidcSettings();
  if (!s || settingsFingerprint(s) !== flow.settings) return fail("single-sign-on settings changed during the sign-in: start again");

  let claims: Record<string, unknown>;
  let accessToken: string;
  try {
    const config = await configuration(s);
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    claims = (tokens.claims() ?? {}) as Record<string, unknown>;
    accessToken = tokens.access_token;
    if (!(s.groupsClaim in claims) || typeof claims.email !== "string") {
      // Many IdPs put groups (and sometimes email) only in the UserInfo response.
      const info = await client.fetchUserInfo(config, accessToken, String(claims.sub));
      claims = { ...info, ...claims, [s.groupsClaim]: claims[s.groupsClaim] ?? info[s.groupsClaim] };
    }
  } catch (e) {
    const err = e as { code?: string; message?: string; error?: string; error_description?: string; cause?: { message?: string } };
    // openid-client's messages are generic ("invalid response encountered"); the specific check that failed
    // (state, nonce, signature, …) is in `cause`.
    const detail = err.cause?.message && err.cause.message !== err.message ? `: ${err.cause.message}` : "";
    const why = err.error ? `${err.error}${err.error_description ? `: ${err.error_description}` : ""}` : `${err.message ?? String(e)}${detail}`;
    return fail(`single sign-on failed: ${why}`, { code: err.code ?? null });
  }

  const sub = String(claims.sub ?? "");
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  if (!sub || !email || email.length > 254 || !/^[^\s@<>"']+@[^\s@<>"']+$/.test(email)) return fail("the identity provider sent no usable email address for this account");
  if (claims.email_verified === false) return fail("the identity provider reports this email address as unverified", {}, email);
  const groupsRaw = claims[s.groupsClaim];
  const groups = Array.isArray(groupsRaw) ? groupsRaw.filter((g): g is string => typeof g === "string") : typeof groupsRaw === "string" ? [groupsRaw] : [];
  const role: AppRole | null = roleForGroups(groups, s);
  if (!role) return fail("your account has no Palisade role: none of your groups is mapped to one (ask a Palisade admin)", { groups }, email);
  const rawName = typeof claims.name === "string" ? claims.name : typeof claims.preferred_username === "string" ? claims.preferred_username : email;
  const name = rawName.replace(/[^\p{L}\p{M}\p{N} .'’@_-]/gu, "").trim().slice(0, 100) || email;

  const db = await authDb();
  const issuer = s.issuerUrl;
  let user = await db.appUser.findUnique({ where: { oidcIssuer_oidcSubject: { oidcIssuer: issuer, oidcSubject: sub } }, select: { id: true, disabled: true, email: true } });
  if (!user) {
    const byEmail = await db.appUser.findUnique({ where: { email }, select: { id: true } });
    // Linking to an existing account by email alone would let whoever controls that address at the IdP take it over.
    if (byEmail) return fail(`a Palisade account with the email ${email} already exists and is not linked to single sign-on: ask an admin to delete it, then sign in again`, {}, email);
    user = await db.appUser.create({ data: { email, name, role, source: "oidc", oidcIssuer: issuer, oidcSubject: sub }, select: { id: true, disabled: true, email: true } });
    await recordAuditEvent({ action: "user.create", actor: { label: "sso" }, target: `user:${email}`, meta, details: { source: "oidc", role, groups } });
  } else {
    if (user.disabled) return fail("this account is disabled: ask a Palisade admin to enable it", {}, email);
    await db.appUser.update({ where: { id: user.id }, data: { role, name } });
  }
  const session = await createSession(user.id, meta);
  await db.appUser.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  await recordAuditEvent({ action: "auth.sign_in", actor: { id: user.id, label: email }, target: `user:${email}`, meta, details: { method: "oidc", role, groups } });
  return { ok: true, session, next: flow.next, email };
}

/** Forgets cached discovery documents (after settings change). */
export function clearOidcCache(): void {
  configCache.clear();
}

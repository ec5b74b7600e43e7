// Server-side only.
import type { OidcSettingsInput } from "@/lib/schemas/auth";
import { auditActor, recordAuditEvent } from "./audit";
import { decryptSecret, encryptSecret } from "./crypto";
import { AuthError, authDb } from "./db";
import type { SessionUser } from "./guard";
import type { RequestMeta } from "./request-meta";
import type { AppRole } from "./roles";

/** Single sign-on settings as stored (`app_setting` key `oidc`); the client secret only ever encrypted. */
export interface OidcSettings {
  enabled: boolean;
  issuerUrl: string;
  clientId: string;
  /** AES-256-GCM sealed (lib/auth/crypto encryptSecret, purpose "oidc.clientSecret"). */
  clientSecretSealed: string | null;
  scopes: string;
  groupsClaim: string;
  roleMapping: { group: string; role: AppRole }[];
  defaultRole: AppRole | "none";
}

/** What the settings page may show: never the secret itself. */
export type OidcSettingsView = Omit<OidcSettings, "clientSecretSealed"> & { hasClientSecret: boolean };

const KEY = "oidc";
const SECRET_PURPOSE = "oidc.clientSecret";

export async function getOidcSettings(): Promise<OidcSettings | null> {
  const db = await authDb();
  const row = await db.appSetting.findUnique({ where: { key: KEY } });
  return row ? (row.value as unknown as OidcSettings) : null;
}

export async function getOidcSettingsView(): Promise<OidcSettingsView | null> {
  const s = await getOidcSettings();
  if (!s) return null;
  const { clientSecretSealed, ...rest } = s;
  return { ...rest, hasClientSecret: clientSecretSealed !== null };
}

/** The decrypted client secret (server-side use only, e.g. the token request). */
export function openClientSecret(s: OidcSettings): string | null {
  if (!s.clientSecretSealed) return null;
  const secret = decryptSecret(s.clientSecretSealed, SECRET_PURPOSE);
  if (secret === null) throw new AuthError("the stored OIDC client secret cannot be decrypted (PALISADE_SECRET_KEY changed?): enter it again in Settings", 409);
  return secret;
}

/** Saves SSO settings; an empty client secret keeps the stored one. */
export async function saveOidcSettings(input: OidcSettingsInput, by: SessionUser, meta: RequestMeta | null): Promise<OidcSettingsView> {
  const db = await authDb();
  const previous = await getOidcSettings();
  const sealed = input.clientSecret ? encryptSecret(input.clientSecret, SECRET_PURPOSE) : (previous?.clientSecretSealed ?? null);
  if (input.enabled && !sealed) throw new AuthError("enter the client secret to enable single sign-on", 400);
  const value: OidcSettings = {
    enabled: input.enabled,
    issuerUrl: input.issuerUrl,
    clientId: input.clientId,
    clientSecretSealed: sealed,
    scopes: input.scopes,
    groupsClaim: input.groupsClaim,
    roleMapping: input.roleMapping,
    defaultRole: input.defaultRole,
  };
  await db.appSetting.upsert({ where: { key: KEY }, create: { key: KEY, value: value as object, updatedBy: by.email }, update: { value: value as object, updatedBy: by.email } });
  await recordAuditEvent({
    action: "settings.oidc.update",
    actor: auditActor(by),
    target: "settings:oidc",
    meta,
    details: {
      enabled: value.enabled,
      issuerUrl: value.issuerUrl,
      clientId: value.clientId,
      clientSecretChanged: Boolean(input.clientSecret),
      groupsClaim: value.groupsClaim,
      mappings: value.roleMapping.length,
      defaultRole: value.defaultRole,
    },
  });
  const { clientSecretSealed, ...rest } = value;
  return { ...rest, hasClientSecret: clientSecretSealed !== null };
}

/** The highest role any of `groups` maps to; the default role (or null = refuse) when none does. */
export function roleForGroups(groups: readonly string[], s: Pick<OidcSettings, "roleMapping" | "defaultRole">): AppRole | null {
  const rank: Record<AppRole, number> = { viewer: 0, reviewer: 1, admin: 2 };
  let best: AppRole | null = null;
  const have = new Set(groups);
  for (const m of s.roleMapping) {
    if (have.has(m.group) && (best === null || rank[m.role] > rank[best])) best = m.role;
  }
  return best ?? (s.defaultRole === "none" ? null : s.defaultRole);
}

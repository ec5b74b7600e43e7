"use server";

import { revalidatePath } from "next/cache";
import { action, currentRequestMeta } from "@/lib/auth/guard";
import { clearOidcCache } from "@/lib/auth/oidc";
import { saveOidcSettings } from "@/lib/auth/settings";
import { createApiToken, revokeApiToken } from "@/lib/auth/tokens";
import { createUser, deleteUser, resetPassword, updateUser } from "@/lib/auth/users";
import {
  createTokenSchema,
  createUserSchema,
  oidcSettingsSchema,
  setUserDisabledSchema,
  setUserRoleSchema,
  tokenRefSchema,
  userRefSchema,
} from "@/lib/schemas/auth";

// Admin mutations. Every one goes through lib/auth/guard action(): admin session + CSRF + zod, audit-logged in lib/auth.

export const createUserAction = action({ role: "admin", input: createUserSchema }, async (input, user) => {
  const { user: created, oneTimePassword } = await createUser(input, user, await currentRequestMeta());
  revalidatePath("/admin/users");
  return { ok: true, message: `Created ${created.email} (${created.role}).`, data: oneTimePassword ? { oneTimePassword } : {} };
});

export const setUserRoleAction = action({ role: "admin", input: setUserRoleSchema }, async ({ id, role }, user) => {
  const updated = await updateUser(id, { role }, user, await currentRequestMeta());
  revalidatePath("/admin/users");
  return { ok: true, message: `${updated.email} is now ${updated.role}.` };
});

export const setUserDisabledAction = action({ role: "admin", input: setUserDisabledSchema }, async ({ id, disabled }, user) => {
  const updated = await updateUser(id, { disabled }, user, await currentRequestMeta());
  revalidatePath("/admin/users");
  return { ok: true, message: disabled ? `${updated.email} is disabled and signed out everywhere.` : `${updated.email} is enabled.` };
});

export const deleteUserAction = action({ role: "admin", input: userRefSchema }, async ({ id }, user) => {
  await deleteUser(id, user, await currentRequestMeta());
  revalidatePath("/admin/users");
  return { ok: true, message: "User deleted." };
});

export const resetPasswordAction = action({ role: "admin", input: userRefSchema }, async ({ id }, user) => {
  const oneTimePassword = await resetPassword(id, user, await currentRequestMeta());
  revalidatePath("/admin/users");
  return { ok: true, message: "Password reset; the user's sessions were ended.", data: { oneTimePassword } };
});

export const createTokenAction = action({ role: "admin", input: createTokenSchema }, async (input, user) => {
  const { token, row } = await createApiToken(input, user, await currentRequestMeta());
  revalidatePath("/admin/tokens");
  return { ok: true, message: `Created token ${row.name}.`, data: { token } };
});

export const revokeTokenAction = action({ role: "admin", input: tokenRefSchema }, async ({ id }, user) => {
  const row = await revokeApiToken(id, user, await currentRequestMeta());
  revalidatePath("/admin/tokens");
  return { ok: true, message: `Revoked token ${row.name}.` };
});

export const saveOidcSettingsAction = action({ role: "admin", input: oidcSettingsSchema }, async (input, user) => {
  await saveOidcSettings(input, user, await currentRequestMeta());
  clearOidcCache();
  revalidatePath("/admin/settings");
  return { ok: true, message: input.enabled ? "Single sign-on settings saved and enabled." : "Single sign-on settings saved (disabled)." };
});

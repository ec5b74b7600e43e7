import { z } from "zod";

/**
 * Input schemas for sign-in, accounts, API tokens, settings and the audit log: shared by route handlers, server
 * actions and tests. Free-text fields accept only what they need (names: letters, digits, spaces and . ' - ;
 * token names: a slug), so markup and SQL fragments are refused with a clear message instead of being stored.
 * Passwords are the exception: any characters are allowed (they are hashed, never shown or interpolated).
 */

export const appRoleSchema = z.enum(["admin", "reviewer", "viewer"], { error: "role must be admin, reviewer or viewer" });
export const tokenScopeSchema = z.enum(["ingest", "read"], { error: "scope must be ingest or read" });

export const emailSchema = z
  .string({ error: "email is required" })
  .trim()
  .toLowerCase()
  .max(254, "email is too long")
  .pipe(z.email({ error: "enter a valid email address" }));

/** A person's display name. */
export const personNameSchema = z
  .string({ error: "name is required" })
  .trim()
  .min(1, "name is required")
  .max(100, "name must be at most 100 characters")
  .regex(/^[\p{L}\p{M}\p{N} .'’-]+$/u, "name may contain letters, digits, spaces and . ' - only")
  .refine((s) => !s.includes("--"), "name may not contain --");

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/** A new password (NIST SP 800-63B: length over composition rules; no character restrictions). */
export const newPasswordSchema = z
  .string({ error: "password is required" })
  .min(PASSWORD_MIN, `password must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `password must be at most ${PASSWORD_MAX} characters`)
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "password may not contain control characters");

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "password is required" }).min(1, "password is required").max(PASSWORD_MAX, "password is too long"),
  next: z.string().max(2048).optional(),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "current password is required" }).min(1, "current password is required").max(PASSWORD_MAX),
    newPassword: newPasswordSchema,
    confirmPassword: z.string({ error: "confirm the new password" }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "the two new passwords differ" })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "the new password must differ from the current one" });

/** Checkboxes: an HTML form sends "on" (or nothing); JSON sends a boolean. */
const checkbox = z.union([z.boolean(), z.literal("on").transform(() => true), z.literal("true").transform(() => true), z.literal("false").transform(() => false)]);

export const createUserSchema = z.object({
  email: emailSchema,
  name: personNameSchema,
  role: appRoleSchema,
  /** Empty: a one-time password is generated and must be changed at first sign-in. */
  password: z.union([z.literal("").transform(() => undefined), newPasswordSchema]).optional(),
});

export const updateUserSchema = z
  .object({
    name: personNameSchema.optional(),
    role: appRoleSchema.optional(),
    disabled: checkbox.optional(),
  })
  .refine((v) => v.name !== undefined || v.role !== undefined || v.disabled !== undefined, "nothing to change: give name, role or disabled");

export const userIdSchema = z.uuid({ error: "not a valid user id" });

export const tokenNameSchema = z
  .string({ error: "token name is required" })
  .trim()
  .min(1, "token name is required")
  .max(64, "token name must be at most 64 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "token name may contain letters, digits and . _ - (starting with a letter or digit)");

export const createTokenSchema = z.object({
  name: tokenNameSchema,
  scopes: z
    .union([tokenScopeSchema, z.array(tokenScopeSchema)])
    .transform((s) => [...new Set(Array.isArray(s) ? s : [s])].sort())
    .refine((s) => s.length > 0, "choose at least one scope"),
  /** Days until the token expires; empty = never. */
  expiresInDays: z
    .union([z.literal("").transform(() => undefined), z.coerce.number().int("days must be a whole number").min(1, "at least 1 day").max(3650, "at most 3650 days")])
    .optional(),
});

const oidcGroupSchema = z
  .string()
  .trim()
  .min(1, "group name is empty")
  .max(200, "group name is too long")
  .regex(/^[^<>"'`;\\\u0000-\u001f]+$/, "group names may not contain < > \" ' ` ; \\ or control characters");

const mappingLine = /^\s*(.+?)\s*(?:=|:|→|->)\s*(admin|reviewer|viewer)\s*$/;

/**
 * Role mapping as typed in the settings form: one `group = role` per line (also `group: role`, `group -> role`).
 * A user gets the highest role any of their groups maps to.
 */
export const roleMappingTextSchema = z
  .string()
  .max(20_000, "role mapping is too long")
  .transform((text, ctx) => {
    const out: { group: string; role: "admin" | "reviewer" | "viewer" }[] = [];
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === "" || line.trim().startsWith("#")) return;
      const m = mappingLine.exec(line);
      const group = m ? oidcGroupSchema.safeParse(m[1]) : undefined;
      if (!m || !group?.success) {
        ctx.addIssue({ code: "custom", message: `line ${i + 1}: expected "group = admin|reviewer|viewer"${group && !group.success ? ` (${group.error.issues[0]?.message})` : ""}` });
        return;
      }
      out.push({ group: group.data, role: m[2] as "admin" | "reviewer" | "viewer" });
    });
    return out;
  });

export const oidcSettingsSchema = z.object({
  enabled: checkbox.optional().transform((v) => v ?? false),
  issuerUrl: z
    .string()
    .trim()
    .max(2048, "issuer URL is too long")
    .refine((s) => {
      try {
        const u = new URL(s);
        return (u.protocol === "https:" || (u.protocol === "http:" && isLoopbackHost(u.hostname))) && !u.search && !u.hash && !u.username;
      } catch {
        return false;
      }
    }, "issuer URL must be an https:// URL without query or fragment (http:// only for 127.0.0.1/localhost)"),
  clientId: z
    .string()
    .trim()
    .min(1, "client id is required")
    .max(255, "client id is too long")
    .regex(/^[A-Za-z0-9._~:@/+=-]+$/, "client id may contain letters, digits and . _ ~ : @ / + = - only"),
  /** Empty on update = keep the stored secret. */
  clientSecret: z.string().max(1024, "client secret is too long").refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "client secret may not contain control characters").optional(),
  scopes: z
    .string()
    .trim()
    .max(500)
    .regex(/^[A-Za-z0-9_:./ -]*$/, "scopes: space-separated names (letters, digits, _ : . / -)")
    .transform((s) => (s === "" ? "openid email profile" : s))
    .refine((s) => s.split(/\s+/).includes("openid"), "scopes must include openid"),
  groupsClaim: z
    .string()
    .trim()
    .max(100)
    .regex(/^[A-Za-z0-9_:./-]*$/, "groups claim: letters, digits and _ : . / - only")
    .transform((s) => s || "groups"),
  roleMapping: roleMappingTextSchema,
  /** Role for signed-in users whose groups map to none; "none" refuses them. */
  defaultRole: z.enum(["none", "admin", "reviewer", "viewer"], { error: "default role must be none, viewer, reviewer or admin" }),
});

export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export const auditQuerySchema = z.object({
  action: z.string().trim().max(100).regex(/^[a-z0-9_.]*$/, "action: lower-case letters, digits, _ and . only").optional(),
  actor: z.string().trim().max(254).regex(/^[^<>"'`;\\]*$/, "actor may not contain < > \" ' ` ; or \\").optional(),
  outcome: z.enum(["", "success", "failure"]).optional(),
  from: z.union([z.literal(""), z.iso.date({ error: "from must be a date (YYYY-MM-DD)" })]).optional(),
  to: z.union([z.literal(""), z.iso.date({ error: "to must be a date (YYYY-MM-DD)" })]).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
});

export type LoginInput = z.infer<typeof loginSchema>;
export type CreateUserInput = z.infer<typeof createUserSchema>;
export type UpdateUserInput = z.infer<typeof updateUserSchema>;
export type CreateTokenInput = z.infer<typeof createTokenSchema>;
export type OidcSettingsInput = z.infer<typeof oidcSettingsSchema>;
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** Admin form actions on one user or token (ids come from hidden fields). */
export const userRefSchema = z.object({ id: userIdSchema });
export const setUserRoleSchema = z.object({ id: userIdSchema, role: appRoleSchema });
export const setUserDisabledSchema = z.object({ id: userIdSchema, disabled: z.enum(["true", "false"], { error: "disabled must be true or false" }).transform((v) => v === "true") });
export const tokenRefSchema = z.object({ id: z.uuid({ error: "not a valid token id" }) });

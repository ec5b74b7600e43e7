import { apiRoute } from "@/lib/auth/guard";
import { clearOidcCache } from "@/lib/auth/oidc";
import { getOidcSettingsView, saveOidcSettings } from "@/lib/auth/settings";
import { oidcSettingsSchema } from "@/lib/schemas/auth";

export const dynamic = "force-dynamic";

// GET /api/admin/settings/oidc — the settings without the client secret (`hasClientSecret` says whether one is stored).
export const GET = apiRoute({ role: "admin" }, async () => Response.json({ settings: await getOidcSettingsView() }));

// PUT /api/admin/settings/oidc {enabled, issuerUrl, clientId, clientSecret?, scopes, groupsClaim, roleMapping: "group = role\n…", defaultRole}
export const PUT = apiRoute({ role: "admin", body: oidcSettingsSchema }, async ({ body, user, meta }) => {
  const settings = await saveOidcSettings(body, user, meta);
  clearOidcCache();
  return Response.json({ settings });
});

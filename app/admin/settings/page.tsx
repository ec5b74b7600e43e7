import type { Metadata } from "next";
import { headers } from "next/headers";
import { requireUser } from "@/lib/auth/guard";
import { OIDC_CALLBACK_PATH } from "@/lib/auth/oidc";
import { publicOrigin } from "@/lib/auth/request-meta";
import { getOidcSettingsView } from "@/lib/auth/settings";
import { OidcSettingsForm } from "./settings-client";

export const metadata: Metadata = { title: "Single sign-on — Palisade" };
export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  await requireUser("admin");
  const settings = await getOidcSettingsView();
  const redirectUri = `${publicOrigin(await headers())}${OIDC_CALLBACK_PATH}`;
  return (
    <section aria-labelledby="sso-heading" className="max-w-2xl">
      <h2 id="sso-heading" className="text-lg font-medium">
        Single sign-on (OpenID Connect)
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Register Palisade at your identity provider as a confidential web client with the redirect URI{" "}
        <code data-testid="redirect-uri" className="rounded bg-slate-100 px-1">
          {redirectUri}
        </code>
        . Sign-in uses the authorization code flow with PKCE; users get the highest role any of their groups maps to.
      </p>
      <div className="mt-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <OidcSettingsForm
          initial={
            settings
              ? {
                  enabled: settings.enabled,
                  issuerUrl: settings.issuerUrl,
                  clientId: settings.clientId,
                  hasClientSecret: settings.hasClientSecret,
                  scopes: settings.scopes,
                  groupsClaim: settings.groupsClaim,
                  roleMapping: settings.roleMapping.map((m) => `${m.group} = ${m.role}`).join("\n"),
                  defaultRole: settings.defaultRole,
                }
              : null
          }
        />
      </div>
    </section>
  );
}

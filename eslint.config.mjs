import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The analysis core (engine, rules, attack graph) is pure: plain objects in, plain objects out.
// It may not reach for the framework, the database, the filesystem or the network.
const pureCoreBans = {
  paths: [
    { name: "fs", message: "lib/rbac, lib/rules and lib/graph are pure: no filesystem access." },
    { name: "node:fs", message: "lib/rbac, lib/rules and lib/graph are pure: no filesystem access." },
    { name: "fs/promises", message: "lib/rbac, lib/rules and lib/graph are pure: no filesystem access." },
    { name: "node:fs/promises", message: "lib/rbac, lib/rules and lib/graph are pure: no filesystem access." },
    { name: "http", message: "No network code in the pure core." },
    { name: "node:http", message: "No network code in the pure core." },
    { name: "https", message: "No network code in the pure core." },
    { name: "node:https", message: "No network code in the pure core." },
    { name: "net", message: "No network code in the pure core." },
    { name: "node:net", message: "No network code in the pure core." },
    { name: "undici", message: "No network code in the pure core." },
    { name: "pg", message: "No database code in the pure core." },
  ],
  patterns: [
    { group: ["next", "next/*"], message: "The pure core may not import Next.js." },
    { group: ["@prisma/*", "prisma", "**/generated/prisma/**", "@/lib/store/**", "**/store/**"], message: "The pure core may not import Prisma or the store." },
    { group: ["@kubernetes/client-node"], message: "The pure core may not import the Kubernetes client." },
    { group: ["@/lib/collect/**", "**/collect/**"], message: "The pure core may not import collectors." },
  ],
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ["lib/rbac/**/*.ts", "lib/rules/**/*.ts", "lib/graph/**/*.ts", "lib/k8s/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", pureCoreBans] },
  },
  {
    // Only lib/store talks to Prisma.
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["lib/store/**", "lib/generated/**", "scripts/**", "prisma.config.ts", "**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/generated/prisma/**", "@prisma/client", "@prisma/adapter-pg"], message: "Only lib/store may import Prisma." }] }],
    },
  },
  globalIgnores([".next/**", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "bench-out/**"]),
]);

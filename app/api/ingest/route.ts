import { apiRoute } from "@/lib/auth/guard";
import { ingestLimits, ingestSnapshot } from "@/lib/auth/ingest";
import { ingestPayloadSchema } from "@/lib/schemas/ingest";

export const dynamic = "force-dynamic";
// Large inventories take a while to analyze and store.
export const maxDuration = 300;

const limits = ingestLimits();

// POST /api/ingest — a snapshot pushed by `palisade collect … --push URL --token T` (JSON, gzip accepted).
// API token with the `ingest` scope, or an admin session. 201 {cluster, snapshotId, identities, findings, durationsMs}.
export const POST = apiRoute(
  { role: "admin", tokenScope: "ingest", body: ingestPayloadSchema, maxBodyBytes: limits.maxBodyBytes, maxInflatedBytes: limits.maxInflatedBytes },
  async ({ body, user, meta }) => Response.json(await ingestSnapshot(body, user, meta), { status: 201 }),
);

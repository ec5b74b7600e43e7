import { z } from "zod";
import { apiRoute } from "@/lib/auth/guard";
import { listClusters } from "@/lib/store";

export const dynamic = "force-dynamic";

// GET /api/clusters — every cluster with its current (newest complete) and latest snapshot.
export const GET = apiRoute({ role: "viewer", query: z.object({}), tokenScope: "read" }, async () => {
  const clusters = await listClusters();
  return Response.json({ clusters });
});

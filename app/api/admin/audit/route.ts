import { listAuditEvents } from "@/lib/auth/audit";
import { apiRoute } from "@/lib/auth/guard";
import { auditQuerySchema } from "@/lib/schemas/auth";

export const dynamic = "force-dynamic";

// GET /api/admin/audit?action=&actor=&outcome=&from=YYYY-MM-DD&to=YYYY-MM-DD&page= — newest first, 50 a page.
export const GET = apiRoute({ role: "admin", query: auditQuerySchema }, async ({ query }) => Response.json(await listAuditEvents(query)));

// Server-side only. The one place authentication and authorization are enforced for pages, route handlers and
// server actions. proxy.ts turns away requests without a session cookie before they reach any of these.
import { forbidden, redirect } from "next/navigation";
import { z } from "zod";
import { roleAtLeast, type AppRole } from "./roles";

export type { AppRole } from "./roles";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: AppRole;
  mustChangePassword: boolean;
}

/** What a server action wrapped by `action()` returns to its form (`useActionState`). */
export type ActionResult =
  | { ok: true; message?: string; data?: Record<string, unknown> }
  | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

/**
 * Server components/pages and server actions: the signed-in user, or redirect("/login?next=…");
 * calls forbidden() (app/forbidden.tsx) when the role is too low.
 */
export async function requireUser(minRole: AppRole = "viewer"): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  if (!roleAtLeast(user.role, minRole)) forbidden();
  return user;
}

/** The signed-in user or null (no redirect). Placeholder until sessions land. */
export async function currentUser(): Promise<SessionUser | null> {
  return null;
}

export type TokenScope = "read" | "ingest";

export interface ApiRouteOptions<Q extends z.ZodType, B extends z.ZodType> {
  /** Minimum app role. */
  role: AppRole;
  /** Zod schema for the URL query (parsed from searchParams; repeated keys become arrays). */
  query?: Q;
  /** Zod schema for the JSON (or form) body of non-GET requests. */
  body?: B;
  /** Largest accepted body in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** API-token scope that may call this route instead of a session ("read" for viewer-level GETs, "ingest" for ingest). */
  tokenScope?: TokenScope;
}

export interface ApiContext<Q extends z.ZodType, B extends z.ZodType> {
  user: SessionUser;
  query: z.infer<Q>;
  body: z.infer<B>;
  req: Request;
  params: Record<string, string>;
}

/**
 * Route handlers: `export const GET = apiRoute({ role: "viewer", query: schema }, async ({ user, query, req, params }) => …)`.
 * Session cookie or `Authorization: Bearer <api token>`; 401/403/400/413/415 JSON errors; CSRF check on non-GET.
 */
export function apiRoute<Q extends z.ZodType = z.ZodNever, B extends z.ZodType = z.ZodNever>(
  opts: ApiRouteOptions<Q, B>,
  handler: (ctx: ApiContext<Q, B>) => Promise<Response>,
): (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response> {
  return async (req, ctx) => {
    const user = await currentUser();
    if (!user) return Response.json({ error: "authentication required" }, { status: 401 });
    if (!roleAtLeast(user.role, opts.role)) return Response.json({ error: "forbidden" }, { status: 403 });
    const params = (await ctx?.params) ?? {};
    let query: unknown = undefined;
    if (opts.query) {
      const parsed = opts.query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
      if (!parsed.success) return Response.json({ error: "invalid query", issues: parsed.error.issues }, { status: 400 });
      query = parsed.data;
    }
    return handler({ user, query: query as z.infer<Q>, body: undefined as z.infer<B>, req, params });
  };
}

/** Server actions used by forms: session + role + zod + CSRF in one wrapper. */
export function action<S extends z.ZodType>(
  opts: { role: AppRole; input: S },
  fn: (input: z.infer<S>, user: SessionUser) => Promise<ActionResult>,
): (prev: ActionResult | undefined, formData: FormData) => Promise<ActionResult> {
  return async (_prev, formData) => {
    const user = await requireUser(opts.role);
    const parsed = opts.input.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return { ok: false, error: "invalid input", fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]> };
    return fn(parsed.data, user);
  };
}

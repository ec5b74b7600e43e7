/** Where a request came from, for the audit trail and per-address rate limits. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

/**
 * The client address: the rightmost `x-forwarded-for` entry (the one added by the nearest proxy; `next start` fills the
 * header with the socket address when the client sent none), or `x-real-ip`. Set PALISADE_TRUSTED_PROXIES=N when N
 * reverse proxies that append to x-forwarded-for sit in front of Palisade, to take the address the outermost one saw.
 */
export function clientIp(headers: Headers): string | null {
  const xff = headers.get("x-forwarded-for");
  if (xff) {
    const hops = xff.split(",").map((s) => s.trim()).filter(Boolean);
    const trusted = Math.max(0, Number(process.env.PALISADE_TRUSTED_PROXIES ?? 0) || 0);
    const pick = hops[Math.max(0, hops.length - 1 - trusted)];
    if (pick) return normalizeIp(pick);
  }
  const real = headers.get("x-real-ip");
  return real ? normalizeIp(real.trim()) : null;
}

function normalizeIp(ip: string): string {
  const v = ip.startsWith("::ffff:") ? ip.slice(7) : ip;
  return v.slice(0, 64);
}

export function requestMeta(headers: Headers): RequestMeta {
  return { ip: clientIp(headers), userAgent: headers.get("user-agent")?.slice(0, 512) ?? null };
}

/** True when the request reached us over HTTPS (directly or per the proxy's x-forwarded-proto). */
export function isHttps(headers: Headers, url?: string): boolean {
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  if (proto) return proto === "https";
  if (url) return url.startsWith("https:");
  return false;
}

/**
 * The origin the browser talks to: PALISADE_PUBLIC_URL when set, else built from x-forwarded-proto/-host or Host.
 * Used for the OIDC redirect URI and the CSRF origin check.
 */
export function publicOrigin(headers: Headers, url?: string): string {
  const configured = process.env.PALISADE_PUBLIC_URL;
  if (configured) return new URL(configured).origin;
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host") || (url ? new URL(url).host : "localhost");
  return `${isHttps(headers, url) ? "https" : "http"}://${host}`;
}

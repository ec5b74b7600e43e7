// Server-side only.
import { gunzip } from "node:zlib";
import { promisify } from "node:util";

const gunzipAsync = promisify(gunzip);

export type BodyKind = "json" | "form";

export interface ReadBodyOptions {
  /** Largest body accepted on the wire (compressed size when gzip). */
  maxBytes: number;
  /** Accept `Content-Encoding: gzip` and inflate up to this many bytes (0 = gzip refused). */
  maxInflatedBytes?: number;
  accept: readonly BodyKind[];
}

export type BodyResult = { ok: true; kind: BodyKind; value: unknown } | { ok: false; status: 400 | 413 | 415; error: string };

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

function mediaType(contentType: string | null): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/**
 * Reads and decodes a request body with hard limits: the declared Content-Length and the bytes actually streamed
 * are both checked against `maxBytes` (413), gzip is inflated with an output cap (a zip bomb is a 413, not an OOM),
 * the media type must be one the route accepts (415), and JSON must parse (400 naming the parser's complaint).
 */
export async function readBody(req: Request, opts: ReadBodyOptions): Promise<BodyResult> {
  const type = mediaType(req.headers.get("content-type"));
  const kind: BodyKind | null = type === "application/json" || type.endsWith("+json") ? "json" : FORM_TYPES.includes(type) ? "form" : null;
  if (!kind || !opts.accept.includes(kind)) {
    const wanted = opts.accept.map((k) => (k === "json" ? "application/json" : FORM_TYPES.join(" or "))).join(" or ");
    return { ok: false, status: 415, error: `unsupported content type ${type ? JSON.stringify(type) : "(none)"}: send ${wanted}` };
  }
  const encoding = (req.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding !== "identity" && !(encoding === "gzip" && opts.maxInflatedBytes)) {
    return { ok: false, status: 415, error: `unsupported content encoding ${JSON.stringify(encoding)}${opts.maxInflatedBytes ? ": send identity or gzip" : ""}` };
  }
  const tooLarge = (): BodyResult => ({ ok: false, status: 413, error: `request body too large: the limit is ${formatBytes(opts.maxBytes)}` });
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > opts.maxBytes) return tooLarge();

  let raw: Buffer;
  if (!req.body) {
    raw = Buffer.alloc(0);
  } else {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > opts.maxBytes) {
        await reader.cancel().catch(() => undefined);
        return tooLarge();
      }
      chunks.push(value);
    }
    raw = Buffer.concat(chunks);
  }
  if (encoding === "gzip") {
    try {
      raw = await gunzipAsync(raw, { maxOutputLength: opts.maxInflatedBytes });
    } catch (e) {
      if (e instanceof RangeError || (e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
        return { ok: false, status: 413, error: `request body too large once decompressed: the limit is ${formatBytes(opts.maxInflatedBytes!)}` };
      }
      return { ok: false, status: 400, error: `invalid gzip body: ${(e as Error).message}` };
    }
  }

  if (kind === "json") {
    const text = raw.toString("utf8");
    if (text.trim() === "") return { ok: false, status: 400, error: "invalid JSON: the body is empty" };
    try {
      return { ok: true, kind, value: JSON.parse(text) };
    } catch (e) {
      return { ok: false, status: 400, error: `invalid JSON: ${(e as Error).message}` };
    }
  }
  try {
    const form = await new Response(new Uint8Array(raw), { headers: { "content-type": req.headers.get("content-type")! } }).formData();
    return { ok: true, kind, value: formDataToObject(form) };
  } catch (e) {
    return { ok: false, status: 400, error: `invalid form body: ${(e as Error).message}` };
  }
}

/**
 * FormData → plain object for zod: a repeated key becomes an array; Next's internal `$ACTION_*` fields are dropped;
 * file uploads are kept as File objects (schemas that expect strings reject them).
 */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("$ACTION")) continue;
    const prev = out[key];
    if (prev === undefined) out[key] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else out[key] = [prev, value];
  }
  return out;
}

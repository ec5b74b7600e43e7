/**
 * The identity id from the `[id]` segment of /identities/{id} and /api/identities/{id}. Links encode it with
 * encodeURIComponent; Next hands the segment over still percent-encoded, so it is decoded once here (a malformed
 * escape is taken literally).
 */
export function decodeIdentityParam(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** `2026-11-26 22:53 UTC`: the same on server and client, whatever the locale. */
export function formatTime(d: Date | string): string {
  const iso = (typeof d === "string" ? new Date(d) : d).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

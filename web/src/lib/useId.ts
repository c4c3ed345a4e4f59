/** Positive integer id from a query string value, or null. */
export function parseId(v: string | null | undefined): number | null {
  if (!v || !/^\d{1,12}$/.test(v)) return null;
  const n = Number(v);
  return n > 0 ? n : null;
}

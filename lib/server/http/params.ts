// The one id-parameter parser for route params and the ids a page binds to a server action (which a
// replayed request can set to anything): a positive integer that fits the id columns (int4), or -1,
// which names no row — the lookup then answers "not found" like any id outside the caller's scope.
const MAX_ID = 2_147_483_647;

export function idParam(raw: unknown): number {
  const s = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim() : "";
  const n = /^\d{1,10}$/.test(s) ? Number(s) : NaN;
  return Number.isInteger(n) && n > 0 && n <= MAX_ID ? n : -1;
}

// Turns an audit entry's before/after JSON into rows a person can read: one row per field,
// nested objects flattened to dotted paths ("address.commune"), unchanged fields marked so the
// page can show the changes first. Pure: the page and the export both use it (lib/i18n/audit-ledger-values.ts).

export type DiffKind = "added" | "removed" | "changed" | "same";
export type DiffRow = { path: string; before: string | null; after: string | null; kind: DiffKind };

const MAX_DEPTH = 4;

function flatten(v: unknown, prefix: string, out: Map<string, string>, depth: number): void {
  if (v !== null && typeof v === "object" && !Array.isArray(v) && depth < MAX_DEPTH && Object.keys(v).length > 0) {
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) flatten(child, prefix ? `${prefix}.${k}` : k, out, depth + 1);
    return;
  }
  out.set(prefix || "(value)", show(v));
}

/** A value as text: strings as they are, everything else as compact JSON. */
function show(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return v;
  return JSON.stringify(v);
}

function fields(v: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (v === null || v === undefined) return out;
  flatten(v, "", out, 0);
  return out;
}

/** Field-by-field comparison; changed/added/removed fields first (in the order they appear), then unchanged ones. */
export function diffAudit(before: unknown, after: unknown): DiffRow[] {
  const b = fields(before);
  const a = fields(after);
  const paths = [...new Set([...b.keys(), ...a.keys()])];
  const rows: DiffRow[] = paths.map((path) => {
    const bv = b.has(path) ? b.get(path)! : null;
    const av = a.has(path) ? a.get(path)! : null;
    const kind: DiffKind = bv === null ? "added" : av === null ? "removed" : bv === av ? "same" : "changed";
    return { path, before: bv, after: av, kind };
  });
  return [...rows.filter((r) => r.kind !== "same"), ...rows.filter((r) => r.kind === "same")];
}

// Offline field entry (issue 12): why the server refused a queued write, in a few kinds the phone can act
// on. Pure: it looks only at the refusal (HTTP-like status and the field issues with their codes), so the
// server (lib/server/sync) and the browser's pending list classify alike.
//
//   overlap              someone else recorded a payment for that person meanwhile (the periods would overlap)
//   registered_elsewhere the ID number is registered in a unit outside the user's scope
//   duplicate            the ID number is already registered in the user's scope (often: by a colleague)
//   possible_duplicate   same name and date of birth exists: confirm and send again
//   out_of_scope         the person or the commune is no longer the user's
//   key_taken            the idempotency key belongs to another user's write (never reused: discard)
//   forbidden            the user's role may not make this write
//   validation           anything else the form can fix (income out of range, taken receipt number, …)

export type ConflictKind = "overlap" | "registered_elsewhere" | "duplicate" | "possible_duplicate" | "out_of_scope" | "key_taken" | "forbidden" | "validation";

export type RefusalIssue = { path: string; message: string; code?: string; existingId?: number };

export type Refusal = {
  /** 400 for a rule or validation failure, 403 not allowed, 404 not found or out of scope, 409 key of another user. */
  status: number;
  issues: RefusalIssue[];
};

export type Conflict = {
  kind: ConflictKind;
  /** The first message to show (the server's own words). */
  message: string;
  /** Every field message, for the fix form. */
  fields: { path: string; message: string }[];
  /** Whether fixing the entry can make it go through (else: discard). */
  fixable: boolean;
};

const FIXABLE: Record<ConflictKind, boolean> = {
  overlap: false,
  registered_elsewhere: false,
  duplicate: false,
  possible_duplicate: true,
  out_of_scope: false,
  key_taken: false,
  forbidden: false,
  validation: true,
};

/** The kind of a refusal; the order matters: the most specific reason wins. */
export function conflictKind(r: Refusal): ConflictKind {
  if (r.status === 409) return "key_taken";
  if (r.status === 404) return "out_of_scope";
  if (r.status === 403) return "forbidden";
  const codes = r.issues.map((i) => i.code);
  if (codes.includes("STALE")) return "overlap";
  if (codes.includes("OUT_OF_SCOPE")) return "out_of_scope";
  const dupe = r.issues.find((i) => i.code === "DUPLICATE_PERSONAL_ID");
  if (dupe) return dupe.existingId === undefined ? "registered_elsewhere" : "duplicate";
  if (codes.includes("RATE_LIMITED")) return "registered_elsewhere";
  if (codes.includes("POSSIBLE_DUPLICATE")) return "possible_duplicate";
  return "validation";
}

/** The refusal as the phone shows it: kind, the server's message, the field messages, fixable or not. */
export function classifyRefusal(r: Refusal, fallbackMessage = ""): Conflict {
  const kind = conflictKind(r);
  const fields = r.issues.map((i) => ({ path: i.path, message: i.message }));
  // the message of the issue that decided the kind first, else the first one
  const deciding = r.issues.find((i) =>
    kind === "overlap"
      ? i.code === "STALE"
      : kind === "registered_elsewhere" || kind === "duplicate"
        ? i.code === "DUPLICATE_PERSONAL_ID" || i.code === "RATE_LIMITED"
        : kind === "possible_duplicate"
          ? i.code === "POSSIBLE_DUPLICATE"
          : kind === "out_of_scope"
            ? i.code === "OUT_OF_SCOPE"
            : false,
  );
  return { kind, message: (deciding ?? r.issues[0])?.message ?? fallbackMessage, fields, fixable: FIXABLE[kind] };
}

// Offline field entry (issue 12): what a phone sends when it syncs its queue (POST /api/v1/sync).
// Each entry carries its client-generated idempotency key and the very input the online form would
// post: a registration is checked by registrationSchema, a payment by paymentSchema (lib/validation/enrollee.ts),
// inside the same server functions (lib/server/sync/sync.ts) — never a second copy of the rules.
import { z } from "zod";

export const SYNC_KINDS = ["registration", "payment"] as const;
export type SyncKind = (typeof SYNC_KINDS)[number];
/** Entries per request: a day's work fits; a larger queue syncs in several requests. */
export const SYNC_BATCH_MAX = 50;

export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/)
  .meta({ description: "client-generated (a UUID); unique: a repeat by the same user answers the first result, another user's key is refused" });

export const syncEntrySchema = z
  .object({
    key: idempotencyKeySchema,
    kind: z.enum(SYNC_KINDS),
    /** payment: the enrollee paid for (an id from the worklist the phone cached) */
    enrolleeId: z.number().int().positive().optional().meta({ description: "payment: the enrollee's id" }),
    /** payment: the coverage end the collector saw when taking the money; a payment recorded by someone
     *  else meanwhile (so the periods would overlap) is refused rather than stacked after it */
    coverageEndSeen: z.iso
      .date()
      .nullable()
      .optional()
      .meta({ description: "payment: the enrollee's coverage end when the money was taken (null: never paid)" }),
    /** payment: the one-confirmation renewal queued offline — the phone cannot know the next electronic
     *  receipt number, so the server numbers it when it records the payment (data carries no receiptNo) */
    autoReceipt: z
      .literal(true)
      .optional()
      .meta({ description: "payment: number the receipt electronically when recorded, as the one-confirmation renewal does (data.receiptNo is ignored)" }),
    /** when the entry was made on the phone */
    queuedAt: z.iso.datetime().optional(),
    /** the form's input: registrationSchema (registration) or paymentSchema (payment) */
    data: z
      .record(z.string(), z.unknown())
      .meta({ description: "registration: the body of POST /enrollees; payment: the body of POST /enrollees/{id}/contributions" }),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind === "payment" && v.enrolleeId === undefined) ctx.addIssue({ code: "custom", path: ["enrolleeId"], message: "enrolleeId" });
    if (v.autoReceipt && v.kind !== "payment") ctx.addIssue({ code: "custom", path: ["autoReceipt"], message: "autoReceipt: payments only" });
  });
export type SyncEntry = z.output<typeof syncEntrySchema>;

export const syncBatchSchema = z.object({ entries: z.array(syncEntrySchema).min(1).max(SYNC_BATCH_MAX) }).strict();
export type SyncBatch = z.output<typeof syncBatchSchema>;

// The offline part of the JSON API v1 (issue 12): a phone's queued writes and what it keeps for offline entry.
import { z } from "zod";
import { operation } from "./registry";
import { syncBatchSchema } from "@/lib/validation/sync";

const isoDate = z.iso.date();
const CONFLICT_KINDS = ["overlap", "registered_elsewhere", "duplicate", "possible_duplicate", "out_of_scope", "key_taken", "forbidden", "validation"] as const;

const accepted = z
  .object({
    key: z.string(),
    status: z.literal("accepted"),
    repeat: z.boolean().meta({ description: "true: the key had been accepted before; this is the first result and nothing was written" }),
    result: z
      .object({
        enrolleeId: z.number().int(),
        fullName: z.string().optional(),
        contributionId: z.number().int().nullable(),
        receiptNo: z.string().nullable(),
        net: z.number().int().nullable().meta({ description: "whole VND paid by the person" }),
        periodStart: isoDate.nullable(),
        periodEnd: isoDate.nullable(),
        coverageEnd: isoDate.nullable(),
        receiptWarning: z.string().optional(),
      })
      .strict(),
  })
  .strict();

const refused = z
  .object({
    key: z.string(),
    status: z.literal("refused"),
    conflict: z
      .object({
        kind: z.enum(CONFLICT_KINDS).meta({
          description:
            "lib/domain/sync-conflict.ts: overlap (someone else paid meanwhile), registered_elsewhere, duplicate, possible_duplicate, out_of_scope, key_taken (another user's key), forbidden, validation",
        }),
        message: z.string(),
        fields: z.array(z.object({ path: z.string(), message: z.string() }).strict()),
        fixable: z.boolean().meta({ description: "whether correcting the entry can make it go through (else discard it)" }),
      })
      .strict(),
  })
  .strict();

export const syncResponse = z.object({ results: z.array(z.union([accepted, refused])) }).strict();

const policy = z.looseObject({ date: isoDate, rateBp: z.number().int(), incomeFloor: z.number().int(), referenceLevel: z.number().int() });
export const offlineReferenceResponse = z
  .object({
    userId: z.number().int(),
    today: isoDate,
    provinceCode: z.string().nullable(),
    communes: z.array(z.object({ code: z.string(), fullName: z.string() }).strict()),
    agents: z.array(z.object({ id: z.number().int(), name: z.string(), communes: z.array(z.string()) }).strict()),
    policy: z
      .object({
        current: policy.nullable(),
        next: z
          .object({ from: isoDate, policy })
          .strict()
          .nullable()
          .meta({ description: "the next known change in the province, so the calculator is right on that day offline" }),
      })
      .strict(),
  })
  .strict();

export const syncOperations = [
  operation({
    method: "post",
    path: "/sync",
    tag: "field",
    body: syncBatchSchema,
    errors: { 400: "The batch is malformed (each entry's own refusal is in its outcome, not an error)" },
    summary: "Apply a phone's offline queue: each entry exactly once per idempotency key",
    description:
      "Entries are applied in order, each in its own transaction through the same functions and schemas as POST /enrollees and POST /enrollees/{id}/contributions. A key accepted before answers its first result (repeat: true) and writes nothing; another user's key is refused (key_taken); a payment whose period would overlap one recorded meanwhile is refused (overlap). A refused entry changed nothing and may be sent again, fixed, with the same key.",
    responses: { 200: { description: "One outcome per entry", schema: syncResponse } },
  }),
  operation({
    method: "get",
    path: "/sync/reference",
    tag: "field",
    errors: { 403: true },
    summary: "What a phone keeps for offline entry: the communes and agents of the caller's scope, the policy in force and its next known change",
    responses: { 200: { description: "OK", schema: offlineReferenceResponse } },
  }),
];

// Targets: one schema per input, shared by the editor's forms, the server actions, lib/server/targets/targets.ts
// and the JSON API. Messages come from the caller's language (Vietnamese by default).
import { z } from "zod";
import { targetsVi } from "@/lib/i18n/areas/targets";

export type TargetText = typeof targetsVi.v;

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
export const MAX_TARGET = 10_000_000;

// Mirrors AllocationMethod of lib/domain/allocation.ts (kept as a tuple for z.enum).
export const ALLOCATION_METHODS = ["LABOUR_FORCE", "R28_GAP", "LAST_YEAR", "EQUAL"] as const;
/** The methods that make sense when the children are collection agents (no labour force of their own). */
export const AGENT_ALLOCATION_METHODS = ["EQUAL", "LAST_YEAR"] as const;

const UNIT_CODE = /^(VN|\d{2}|\d{3}|\d{5})$/;

/** "1.250", "1,250", "1 250" or "1250" → 1250; anything else ("1.5", "1e3", "12,5") → NaN, refused. */
export function strictWhole(s: string): number {
  const t = s.trim().replace(/[\s\u00a0]/g, "");
  return /^\d{1,3}([.,]\d{3})+$|^\d+$/.test(t) ? Number(t.replace(/[.,]/g, "")) : NaN;
}

/** A whole number from a form field ("1.250", "1,250" or "1250") or JSON. */
const wholeNumber = (message: string, min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : strictWhole(v)) : v),
    z.number({ error: message }).int(message).min(min, message).max(max, message),
  );

/** Empty / absent → null (a target that did not exist when the form was loaded). */
const optionalWhole = (message: string) =>
  z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? null : typeof v === "string" ? Number(v) : v),
    z.number({ error: message }).int(message).min(1, message).max(2_000_000_000, message).nullable(),
  );

export const yearField = (m: TargetText = targetsVi.v) => wholeNumber(m.year, MIN_YEAR, MAX_YEAR);
export const unitCodeField = (m: TargetText = targetsVi.v) => z.string({ error: m.unit }).trim().toUpperCase().regex(UNIT_CODE, m.unit);

/** Set one target: a unit's or an agent's, for a year. `version` is what the editor loaded (null = there was none). */
export function targetSetSchema(m: TargetText = targetsVi.v) {
  return z
    .object({
      year: yearField(m),
      unitCode: z.preprocess((v) => (v === "" ? undefined : v), unitCodeField(m).optional()),
      agentId: z.preprocess(
        (v) => (v === "" || v === undefined || v === null ? undefined : typeof v === "string" ? Number(v) : v),
        z.number({ error: m.agent }).int(m.agent).positive(m.agent).optional(),
      ),
      participants: wholeNumber(m.participants, 0, MAX_TARGET),
      version: optionalWhole(m.version)
        .optional()
        .transform((v) => v ?? null),
      // the value the editor showed, only to word a conflict message ("from X to Y")
      seen: z
        .preprocess((v) => (v === "" || v === undefined || v === null ? null : typeof v === "string" ? Number(v) : v), z.number().int().min(0).nullable())
        .optional()
        .transform((v) => v ?? null),
    })
    .refine((v) => (v.unitCode === undefined) !== (v.agentId === undefined), { path: ["unitCode"], message: m.oneSubject });
}
export type TargetSetInput = z.output<ReturnType<typeof targetSetSchema>>;

/** Reads the editor's URL: a bad year or unit falls back to the defaults instead of an error page. */
export function readTargetQuery(sp: Record<string, string | string[] | undefined>): { year?: number; unit?: string; page?: number } {
  const one = (k: string) => (Array.isArray(sp[k]) ? sp[k]![0] : sp[k]) as string | undefined;
  const year = yearField().safeParse(one("year"));
  const unit = unitCodeField().safeParse(one("unit"));
  const page = z.coerce.number().int().min(1).max(100_000).safeParse(one("page"));
  return { year: year.success ? year.data : undefined, unit: unit.success ? unit.data : undefined, page: page.success ? page.data : undefined };
}

/** GET /api/v1/targets query: strict (a bad value is a 400). */
export function targetQuerySchema(m: TargetText = targetsVi.v) {
  return z.object({
    year: yearField(m).optional(),
    unit: unitCodeField(m).optional(),
    page: z.coerce.number().int().min(1).max(100_000).optional(),
  });
}

const booleanField = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true" || v === "1");

/** Preview an allocation of a unit's target among its children. */
export function allocationSchema(m: TargetText = targetsVi.v) {
  return z.object({
    year: yearField(m),
    unitCode: unitCodeField(m),
    method: z.enum(ALLOCATION_METHODS, { error: m.method }),
    floorCurrent: booleanField,
  });
}
export type AllocationInput = z.output<ReturnType<typeof allocationSchema>>;

/** Save the previewed allocation: the preview's figures and the versions it was based on. */
export function allocationSaveSchema(m: TargetText = targetsVi.v) {
  return allocationSchema(m).extend({
    parentVersion: z.number({ error: m.version }).int().min(1),
    children: z
      .array(
        z.object({
          key: z.string().regex(/^(u:(\d{2}|\d{3}|\d{5})|a:\d{1,10})$/, m.allocation),
          version: z.number().int().min(1).nullable(),
          participants: z.number({ error: m.participants }).int(m.participants).min(0, m.participants).max(MAX_TARGET, m.participants),
        }),
        { error: m.allocation },
      )
      .min(1, m.allocation)
      .max(5000, m.allocation),
  });
}
export type AllocationSaveInput = z.output<ReturnType<typeof allocationSaveSchema>>;

/** Lock or reopen a unit's targets for a year. */
export function lockSchema(m: TargetText = targetsVi.v) {
  return z.object({ year: yearField(m), unitCode: unitCodeField(m) });
}
export type LockInput = z.output<ReturnType<typeof lockSchema>>;

/** The editor's one save for the whole table: the rows the user changed, each as targetSetSchema without the year.
 *  `key` names the row on the page ("u:001", "a:42"); each row is checked on its own (its errors go next to it). */
export function targetBatchSchema(m: TargetText = targetsVi.v) {
  return z.object({
    year: yearField(m),
    rows: z
      .array(z.object({ key: z.string().min(1).max(40) }).passthrough(), { error: m.participants })
      .min(1, m.participants)
      .max(5000, m.participants),
  });
}

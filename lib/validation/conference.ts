// Outreach conferences: one schema for the form, the server action and lib/server/agents/conferences.ts.
import { z } from "zod";
import { hasControlChars } from "@/lib/domain/text";
import { agentsVi } from "@/lib/i18n/areas/agents";
import type { AgentText } from "./agent";
import { isoDateField, readFilters, wholeNumberField, type SearchParams } from "./agents-form";

export function conferenceSchema(m: AgentText = agentsVi.v) {
  return z.object({
    heldOn: isoDateField(m.date),
    communeCode: z.string({ error: m.commune }).regex(/^\d{5}$/, m.commune),
    // "" from the select's "none" option → no agent
    agentId: z
      .union([z.number(), z.string()])
      .nullish()
      .transform((v, ctx) => {
        if (v === null || v === undefined || v === "") return null;
        const n = typeof v === "number" ? v : Number(v);
        if (!Number.isSafeInteger(n) || n <= 0) {
          ctx.issues.push({ code: "custom", message: m.agentNotServing, input: v });
          return z.NEVER;
        }
        return n;
      }),
    title: z
      .string({ error: m.title })
      .transform((s) => s.normalize("NFC").replace(/\s+/g, " ").trim())
      .pipe(
        z
          .string()
          .min(2, m.title)
          .max(300, m.tooLong)
          .refine((t) => !hasControlChars(t), m.controlChars),
      ),
    attendees: z.preprocess(
      (v) => (v === null || v === undefined || (typeof v === "string" && v.trim() === "") ? 0 : v),
      wholeNumberField(0, 100_000, m.attendees),
    ),
  });
}
export type ConferenceInput = z.output<ReturnType<typeof conferenceSchema>>;

const filterShape = {
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  province: z.string().regex(/^\d{2}$/),
  area: z.string().regex(/^\d{3}$/),
  commune: z.string().regex(/^\d{5}$/),
  agent: z.coerce.number().int().positive(),
  page: z.coerce.number().int().min(1).max(100_000),
};
export type ConferenceFilter = { from?: string; to?: string; province?: string; area?: string; commune?: string; agent?: number; page?: number };

/** The list's filters read leniently from the page's URL. */
export const conferenceFilterFromSearchParams = (sp: SearchParams): ConferenceFilter => readFilters(filterShape, sp) as ConferenceFilter;

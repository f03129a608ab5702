// Collection agents and their collectors: one schema each, used by the form (in the browser),
// the server action, and lib/server/agents/agents.ts. Messages come from the caller's language.
import { z } from "zod";
import { agentsVi } from "@/lib/i18n/areas/agents";
import { cleanName, hasControlChars } from "@/lib/domain/text";
import { AGENT_STATES } from "@/lib/domain/agent-status";
import { isoDateField, optionalIsoDateField, optionalPhoneField, optionalTextField, readFilters, type SearchParams } from "./agents-form";

export type AgentText = typeof agentsVi.v;

// Mirrors the AgentKind enum of prisma/schema.prisma (client components cannot import the generated client).
export const AGENT_KINDS = [
  "POST_OFFICE",
  "COMMUNE_COMMITTEE",
  "WOMEN_UNION",
  "FARMERS_ASSOCIATION",
  "FATHERLAND_FRONT",
  "VETERANS",
  "YOUTH_UNION",
  "COOPERATIVE",
  "OTHER",
] as const;
export type AgentKind = (typeof AGENT_KINDS)[number];

const nameField = (m: AgentText) =>
  z
    .string({ error: m.name })
    .transform(cleanName)
    .pipe(
      z
        .string()
        .min(2, m.name)
        .max(200, m.tooLong)
        .refine((s) => !hasControlChars(s), m.controlChars),
    );

export function agentSchema(m: AgentText = agentsVi.v) {
  return z
    .object({
      code: z
        .string({ error: m.agentCode })
        .trim()
        .toUpperCase()
        .regex(/^[A-Z0-9][A-Z0-9._-]{1,29}$/, m.agentCode),
      name: nameField(m),
      kind: z.enum(AGENT_KINDS, { error: m.kind }),
      areaCode: z.string({ error: m.area }).regex(/^\d{3}$/, m.area),
      contractNo: optionalTextField(50, m.tooLong, m.controlChars),
      contractStart: isoDateField(m.date),
      contractEnd: optionalIsoDateField(m.date),
      phone: optionalPhoneField(m.phone),
      address: optionalTextField(300, m.tooLong, m.controlChars),
      communeCodes: z
        .array(z.string().regex(/^\d{5}$/, m.communes), { error: m.communes })
        .min(1, m.communes)
        .max(500, m.tooLong)
        .transform((a) => [...new Set(a)].sort()),
    })
    .refine((v) => !v.contractEnd || v.contractEnd >= v.contractStart, { path: ["contractEnd"], message: m.endBeforeStart });
}
export type AgentInput = z.output<ReturnType<typeof agentSchema>>;

export function endContractSchema(m: AgentText = agentsVi.v) {
  return z.object({ contractEnd: isoDateField(m.date) });
}

export function collectorSchema(m: AgentText = agentsVi.v) {
  return z.object({
    name: nameField(m),
    phone: optionalPhoneField(m.phone),
    // absent = unchanged (new collectors start as working)
    active: z
      .union([z.boolean(), z.string()])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === true || v === "on" || v === "true" || v === "1")),
  });
}
export type CollectorInput = z.output<ReturnType<typeof collectorSchema>>;

const filterShape = {
  q: z.string().trim().max(100),
  kind: z.enum(AGENT_KINDS),
  state: z.enum(AGENT_STATES),
  province: z.string().regex(/^\d{2}$/),
  area: z.string().regex(/^\d{3}$/),
  commune: z.string().regex(/^\d{5}$/),
  page: z.coerce.number().int().min(1).max(100_000),
  pageSize: z.coerce.number().int().min(1).max(200),
};

/** The agents list's filters, strict (the API answers 400 on a bad one). */
export const agentFilterSchema = z.object({
  q: filterShape.q.optional(),
  kind: filterShape.kind.optional(),
  state: filterShape.state.optional(),
  province: filterShape.province.optional(),
  area: filterShape.area.optional(),
  commune: filterShape.commune.optional(),
  page: filterShape.page.optional(),
  pageSize: filterShape.pageSize.optional(),
});
export type AgentFilter = z.output<typeof agentFilterSchema>;

/** The same filters read leniently from a page's URL: a bad value is dropped, not an error page. */
export const agentFilterFromSearchParams = (sp: SearchParams): AgentFilter => readFilters(filterShape, sp) as AgentFilter;

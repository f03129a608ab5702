// Reference data: labour force figures and dated policy values. Users type rates in percent
// ("22", "22,5") and money with or without separators; the database keeps integers
// (basis points, parts per million, whole VND), so the conversion lives here, once.
import { z } from "zod";
import { agentsVi } from "@/lib/i18n/areas/agents";
import type { AgentText } from "./agent";
import { isoDateField, optionalTextField, parseWholeNumber, wholeNumberField } from "./agents-form";

// Mirrors of the PolicyKind and SubsidyGroup enums of prisma/schema.prisma.
export const POLICY_KINDS = [
  "CONTRIBUTION_RATE_BP",
  "INCOME_FLOOR_VND",
  "REFERENCE_LEVEL_VND",
  "CEILING_MULTIPLIER",
  "FUND_MONTHLY_INTEREST_PPM",
  "SUBSIDY_MAX_MONTHS",
  "AGENT_REVIEW_THRESHOLD_BP",
  "PENSION_MIN_MONTHS",
] as const;
export type PolicyKindName = (typeof POLICY_KINDS)[number];
export const SUBSIDY_GROUP_NAMES = ["POOR", "NEAR_POOR", "ISLAND", "ETHNIC_MINORITY", "OTHER"] as const;

/** How each parameter is typed and stored: percent → basis points (2 decimals) or ppm (4 decimals), money, whole number. */
export const POLICY_UNITS: Record<PolicyKindName, { unit: "percent"; decimals: 2 | 4 } | { unit: "vnd" } | { unit: "int"; max: number }> = {
  CONTRIBUTION_RATE_BP: { unit: "percent", decimals: 2 },
  INCOME_FLOOR_VND: { unit: "vnd" },
  REFERENCE_LEVEL_VND: { unit: "vnd" },
  CEILING_MULTIPLIER: { unit: "int", max: 1000 },
  FUND_MONTHLY_INTEREST_PPM: { unit: "percent", decimals: 4 },
  SUBSIDY_MAX_MONTHS: { unit: "int", max: 1200 },
  AGENT_REVIEW_THRESHOLD_BP: { unit: "percent", decimals: 2 },
  PENSION_MIN_MONTHS: { unit: "int", max: 600 },
};

/**
 * "22" / "22,5" / "22.5%" → percent × 10^decimals as an integer (22.5 with 2 decimals → 2250),
 * or null when it is not a number from 0 to 100 with at most `decimals` decimals.
 * Done on the digits, so no binary-float rounding (0.07 × 100 = 7.000000000000001) creeps in.
 */
export function parsePercent(raw: string | number, decimals: number): number | null {
  const s = (typeof raw === "number" ? String(raw) : raw).trim().replace(/\s*%$/, "").replace(",", ".");
  const m = /^(\d{1,3})(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const frac = (m[2] ?? "").replace(/0+$/, "");
  if (frac.length > decimals) return null;
  const scaled = Number(m[1]) * 10 ** decimals + Number(frac.padEnd(decimals, "0") || "0");
  return scaled <= 100 * 10 ** decimals ? scaled : null;
}

/** The inverse, for prefilling inputs: 2250 with 2 decimals → "22.5". */
export function scaledToPercent(value: number, decimals: number): string {
  const base = 10 ** decimals;
  const int = Math.trunc(value / base);
  const frac = String(Math.abs(value % base))
    .padStart(decimals, "0")
    .replace(/0+$/, "");
  return frac ? `${int}.${frac}` : String(int);
}

const pctMessage = (m: AgentText, decimals: number) => m.percent.replace("{d}", String(decimals));

const percentField = (m: AgentText, decimals: number) =>
  z.union([z.string(), z.number()], { error: pctMessage(m, decimals) }).transform((v, ctx) => {
    const n = parsePercent(v, decimals);
    if (n === null) {
      ctx.issues.push({ code: "custom", message: pctMessage(m, decimals), input: v });
      return z.NEVER;
    }
    return n;
  });

const legalBasis = (m: AgentText) => optionalTextField(300, m.tooLong);

export function policyParameterSchema(m: AgentText = agentsVi.v) {
  return z
    .object({
      kind: z.enum(POLICY_KINDS, { error: m.policyKind }),
      value: z.union([z.string(), z.number()], { error: m.required }),
      effectiveFrom: isoDateField(m.date),
      legalBasis: legalBasis(m),
    })
    .transform((v, ctx) => {
      const u = POLICY_UNITS[v.kind];
      let value: number | null;
      let message: string;
      if (u.unit === "percent") {
        value = parsePercent(v.value, u.decimals);
        message = pctMessage(m, u.decimals);
      } else {
        value = typeof v.value === "number" ? v.value : parseWholeNumber(v.value);
        const max = u.unit === "vnd" ? 1_000_000_000 : u.max;
        if (value !== null && (!Number.isSafeInteger(value) || value < 0 || value > max)) value = null;
        message = u.unit === "vnd" ? m.money : m.integer;
      }
      if (value === null) {
        ctx.issues.push({ code: "custom", path: ["value"], message, input: v.value });
        return z.NEVER;
      }
      return { ...v, value };
    });
}

export function subsidyTierSchema(m: AgentText = agentsVi.v) {
  return z.object({
    group: z.enum(SUBSIDY_GROUP_NAMES, { error: m.group }),
    rate: percentField(m, 2),
    effectiveFrom: isoDateField(m.date),
    legalBasis: legalBasis(m),
  });
}

export function provincialTopUpSchema(m: AgentText = agentsVi.v) {
  return subsidyTierSchema(m).extend({ provinceCode: z.string({ error: m.provinceOutside }).regex(/^\d{2}$/, m.provinceOutside) });
}

export function milestoneSchema(m: AgentText = agentsVi.v) {
  return z.object({
    year: wholeNumberField(2000, 2100, m.year),
    share: percentField(m, 2),
    legalBasis: legalBasis(m),
  });
}

export function labourForceSchema(m: AgentText = agentsVi.v) {
  return z.object({
    unitCode: z
      .string({ error: m.commune })
      .trim()
      .regex(/^\d{5}$/, m.commune),
    year: wholeNumberField(2000, 2100, m.year),
    persons: wholeNumberField(0, 10_000_000, m.persons),
  });
}
export type LabourForceInput = z.output<ReturnType<typeof labourForceSchema>>;

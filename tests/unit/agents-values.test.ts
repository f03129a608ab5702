// Typed values of the agents/reference forms: percentages to basis points / ppm without float
// error, money with Vietnamese separators, and the schemas' per-field messages.
import { describe, expect, it } from "vitest";
import { parsePercent, policyParameterSchema, scaledToPercent } from "@/lib/validation/reference";
import { parseWholeNumber } from "@/lib/validation/agents-form";
import { agentSchema } from "@/lib/validation/agent";
import { agentsEn } from "@/lib/i18n/areas/agents";

describe("percent and money parsing", () => {
  it("turns typed percentages into exact integers", () => {
    expect(parsePercent("22", 2)).toBe(2200);
    expect(parsePercent("22,5", 2)).toBe(2250);
    expect(parsePercent("22.50 %", 2)).toBe(2250);
    expect(parsePercent("0.07", 2)).toBe(7); // 0.07 × 100 = 7.000000000000001 in floats
    expect(parsePercent("100", 2)).toBe(10000);
    expect(parsePercent("0,3375", 4)).toBe(3375);
    expect(parsePercent(1.1, 2)).toBe(110);
    for (const bad of ["", "abc", "-1", "100.01", "22.555", "1e2", "22,5,1"]) expect(parsePercent(bad, 2)).toBeNull();
    expect(scaledToPercent(2250, 2)).toBe("22.5");
    expect(scaledToPercent(3375, 4)).toBe("0.3375");
    expect(scaledToPercent(2200, 2)).toBe("22");
  });

  it("reads whole numbers with Vietnamese or English separators", () => {
    expect(parseWholeNumber("2.340.000")).toBe(2_340_000);
    expect(parseWholeNumber("2,340,000")).toBe(2_340_000);
    expect(parseWholeNumber(" 2 340 000 ")).toBe(2_340_000);
    expect(parseWholeNumber("1500000")).toBe(1_500_000);
    for (const bad of ["1,5", "1.50", "-3", "12a", "", "1.5 triệu"]) expect(parseWholeNumber(bad)).toBeNull();
  });

  it("stores each policy kind in its unit", () => {
    const parse = (kind: string, value: string) => policyParameterSchema().parse({ kind, value, effectiveFrom: "2027-01-01" }).value;
    expect(parse("CONTRIBUTION_RATE_BP", "22")).toBe(2200);
    expect(parse("REFERENCE_LEVEL_VND", "2.530.000")).toBe(2_530_000);
    expect(parse("FUND_MONTHLY_INTEREST_PPM", "0,5")).toBe(5000);
    expect(parse("SUBSIDY_MAX_MONTHS", "120")).toBe(120);
    const r = policyParameterSchema(agentsEn.v).safeParse({ kind: "INCOME_FLOOR_VND", value: "1,5", effectiveFrom: "2027-02-30" });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["effectiveFrom", agentsEn.v.date]]);
  });

  it("validates an agent form with messages in the user's language", () => {
    const r = agentSchema(agentsEn.v).safeParse({
      code: "a",
      name: "X",
      kind: "BANK",
      areaCode: "1",
      contractStart: "2026-01-01",
      contractEnd: "2025-12-31",
      phone: "12345",
      communeCodes: [],
    });
    expect(r.success).toBe(false);
    const byField = Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(byField).toMatchObject({
      code: agentsEn.v.agentCode,
      name: agentsEn.v.name,
      kind: agentsEn.v.kind,
      areaCode: agentsEn.v.area,
      phone: agentsEn.v.phone,
      communeCodes: agentsEn.v.communes,
    });
    const ok = agentSchema().parse({
      code: " dl01-02 ",
      name: "  Hội  Nông dân ",
      kind: "FARMERS_ASSOCIATION",
      areaCode: "001",
      contractStart: "2026-01-01",
      contractEnd: "",
      phone: "+84 912 345 678",
      communeCodes: ["00008", "00004", "00008"],
    });
    expect(ok).toMatchObject({
      code: "DL01-02",
      name: "Hội Nông dân",
      contractEnd: null,
      phone: "+84912345678",
      communeCodes: ["00004", "00008"],
      contractNo: null,
      address: null,
    });
  });
});

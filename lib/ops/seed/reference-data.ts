// Regulation values and milestones from docs/domain.md, loaded as editable data.
import type { PolicyTables } from "@/lib/domain/policy";

export const POLICY_PARAMETERS: (PolicyTables["parameters"][number] & { legalBasis: string })[] = [
  { kind: "CONTRIBUTION_RATE_BP", value: 2200, effectiveFrom: "2018-01-01", legalBasis: "Luật BHXH 2014; Luật BHXH 2024 (22%)" },
  { kind: "INCOME_FLOOR_VND", value: 700_000, effectiveFrom: "2018-01-01", legalBasis: "Chuẩn nghèo nông thôn 2016–2020" },
  { kind: "INCOME_FLOOR_VND", value: 1_500_000, effectiveFrom: "2022-01-01", legalBasis: "Nghị định 07/2021/NĐ-CP" },
  { kind: "REFERENCE_LEVEL_VND", value: 1_300_000, effectiveFrom: "2018-01-01", legalBasis: "Nghị định 47/2017/NĐ-CP" },
  { kind: "REFERENCE_LEVEL_VND", value: 1_390_000, effectiveFrom: "2018-07-01", legalBasis: "Nghị định 72/2018/NĐ-CP" },
  { kind: "REFERENCE_LEVEL_VND", value: 1_490_000, effectiveFrom: "2019-07-01", legalBasis: "Nghị định 38/2019/NĐ-CP" },
  { kind: "REFERENCE_LEVEL_VND", value: 1_800_000, effectiveFrom: "2023-07-01", legalBasis: "Nghị định 24/2023/NĐ-CP" },
  { kind: "REFERENCE_LEVEL_VND", value: 2_340_000, effectiveFrom: "2024-07-01", legalBasis: "Nghị định 73/2024/NĐ-CP" },
  { kind: "CEILING_MULTIPLIER", value: 20, effectiveFrom: "2018-01-01", legalBasis: "Luật BHXH" },
  // The fund's monthly interest rate is not confirmed: 0 means plain months × contribution until an admin sets it.
  { kind: "FUND_MONTHLY_INTEREST_PPM", value: 0, effectiveFrom: "2018-01-01", legalBasis: "Chưa xác nhận — cần nhập lãi suất do BHXH Việt Nam công bố" },
  { kind: "SUBSIDY_MAX_MONTHS", value: 120, effectiveFrom: "2018-01-01", legalBasis: "Nghị định 134/2015/NĐ-CP; Nghị định 159/2025/NĐ-CP" },
  { kind: "AGENT_REVIEW_THRESHOLD_BP", value: 5000, effectiveFrom: "2018-01-01", legalBasis: "Ngưỡng rà soát đại lý (nội bộ)" },
  // months of contributions a pension requires (the yearly statement); also inserted by migration 20261205101000
  { kind: "PENSION_MIN_MONTHS", value: 240, effectiveFrom: "2018-01-01", legalBasis: "Luật BHXH 2014 (20 năm)" },
  { kind: "PENSION_MIN_MONTHS", value: 180, effectiveFrom: "2025-07-01", legalBasis: "Luật BHXH 2024 (15 năm, hiệu lực 01/7/2025)" },
];

export const SUBSIDY_TIERS: (PolicyTables["subsidyTiers"][number] & { legalBasis: string })[] = [
  ...(["POOR", "NEAR_POOR", "ISLAND", "ETHNIC_MINORITY", "OTHER"] as const).map((group) => ({
    group,
    rateBp: { POOR: 3000, NEAR_POOR: 2500, ISLAND: 1000, ETHNIC_MINORITY: 1000, OTHER: 1000 }[group],
    effectiveFrom: "2018-01-01",
    legalBasis: "Nghị định 134/2015/NĐ-CP",
  })),
  ...(["POOR", "NEAR_POOR", "ISLAND", "ETHNIC_MINORITY", "OTHER"] as const).map((group) => ({
    group,
    rateBp: { POOR: 5000, NEAR_POOR: 4000, ISLAND: 5000, ETHNIC_MINORITY: 3000, OTHER: 2000 }[group],
    effectiveFrom: "2025-07-01",
    legalBasis: "Nghị định 159/2025/NĐ-CP",
  })),
];

// Hà Nội's own top-up (docs/domain.md). Its start date is not confirmed here; admins can correct it.
export const PROVINCIAL_TOP_UPS: (PolicyTables["topUps"][number] & { legalBasis: string })[] = (
  [
    ["POOR", 5000],
    ["NEAR_POOR", 6000],
    ["ISLAND", 1000],
    ["ETHNIC_MINORITY", 1000],
    ["OTHER", 1000],
  ] as const
).map(([group, rateBp]) => ({ provinceCode: "01", group, rateBp, effectiveFrom: "2023-01-01", legalBasis: "HĐND TP Hà Nội (ngày hiệu lực cần xác nhận)" }));

export const MILESTONES = [
  { year: 2021, shareBp: 100, legalBasis: "Nghị quyết 28-NQ/TW" },
  { year: 2025, shareBp: 250, legalBasis: "Nghị quyết 28-NQ/TW" },
  { year: 2030, shareBp: 500, legalBasis: "Nghị quyết 28-NQ/TW" },
];

// Working-age labour force: see docs/labour-force.md for how these figures are derived.
export const NATIONAL_LABOUR_FORCE_2023 = 52_400_000;
export const LABOUR_FORCE_GROWTH_PER_YEAR = 0.008;
export const LABOUR_FORCE_YEARS = [2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030];

// String-literal mirrors of the Prisma enums (prisma/schema.prisma), so pure domain code and
// client components need not import the generated client. Keep in sync with the schema.

export type SubsidyGroup = "POOR" | "NEAR_POOR" | "ISLAND" | "ETHNIC_MINORITY" | "OTHER";
export const SUBSIDY_GROUPS: readonly SubsidyGroup[] = ["POOR", "NEAR_POOR", "ISLAND", "ETHNIC_MINORITY", "OTHER"];

export type PaymentPeriod = "MONTHLY" | "QUARTERLY" | "SEMIANNUAL" | "ANNUAL" | "ADVANCE" | "BACK_PAYMENT";
export const PAYMENT_PERIODS: readonly PaymentPeriod[] = ["MONTHLY", "QUARTERLY", "SEMIANNUAL", "ANNUAL", "ADVANCE", "BACK_PAYMENT"];

export type Sex = "MALE" | "FEMALE";
export const SEXES: readonly Sex[] = ["MALE", "FEMALE"];

/** A user-facing text in both interface languages. */
export type Bilingual = { vi: string; en: string };

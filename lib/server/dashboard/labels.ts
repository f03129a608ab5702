// Display names of breakdown groups, in the interface language (enum labels of people live in the enrollment area).
import type { Messages } from "@/lib/i18n/messages";
import type { BreakdownDimension } from "./breakdowns";

export function breakdownLabel(t: Messages, dim: BreakdownDimension, key: string): string {
  const e = t.enrollment as unknown as Record<string, Record<string, string> | undefined>;
  switch (dim) {
    case "ageBand":
      return t.dashboard.ageBands[key as keyof typeof t.dashboard.ageBands] ?? key;
    case "subsidyGroup":
      return e.subsidyGroup?.[key] ?? key;
    case "sex":
      return e.sex?.[key] ?? key;
    case "occupation":
      return e.occupation?.[key] ?? key;
    case "paymentPeriod":
      return e.period?.[key] ?? key;
    case "method":
      return e.method?.[key] ?? key;
  }
}

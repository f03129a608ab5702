// The one-tap renewal (/field/{id}/renew) without a signal (issue 12): the payment the page prefilled —
// the person's usual period, months and income, paid today — queued as an ordinary payment entry with
// the coverage end the collector saw. Its electronic receipt number is given by the server when the entry
// is recorded (`autoReceipt`), as the online renewal does: the phone cannot know the next number.
import type { IsoDate } from "@/lib/domain/dates";
import type { NewEntry } from "./queue";

/** What the renewal page shows and would record (lib/server/field/person.ts renewalPreview). */
export type RenewalTerms = {
  enrolleeId: number;
  fullName: string;
  coverageEnd: IsoDate | null;
  period: string;
  months: number;
  declaredIncome: number;
  /** the amount shown on the button (computed for the day the page was rendered) */
  amount: number | null;
};

export function renewalEntry(r: RenewalTerms, method: string, paidOn: IsoDate): NewEntry {
  return {
    kind: "payment",
    enrolleeId: r.enrolleeId,
    coverageEndSeen: r.coverageEnd,
    autoReceipt: true,
    data: { method, paidOn, period: r.period, months: r.months, declaredIncome: r.declaredIncome },
    label: r.fullName,
    amount: r.amount,
  };
}

// Agents' money trail: what an agent collected (the participants' own payments, column 9 of the D05-TS)
// against what it remitted to the social insurance office. Remittances pay off the oldest collections
// first, so "money held since" is the receipt date of the oldest payment not yet covered. Pure.

export type DayAmount = { day: string; amount: number }; // yyyy-mm-dd, whole VND

export type Balance = {
  collected: number;
  remitted: number;
  /** collected − remitted (negative = remitted more than collected) */
  balance: number;
  /** the receipt date of the oldest collection not yet remitted (first in, first out); null when all is remitted */
  heldSince: string | null;
  /** whole days from heldSince to `today` */
  heldDays: number | null;
  /** held longer than the province's number of days */
  overdue: boolean;
};

const dayNumber = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;

export function agentBalance(collections: DayAmount[], remitted: number, today: string, maxDays: number): Balance {
  const sorted = [...collections].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const collected = sorted.reduce((s, c) => s + c.amount, 0);
  let covered = remitted;
  let heldSince: string | null = null;
  for (const c of sorted) {
    if (c.amount <= 0) continue;
    if (covered >= c.amount) {
      covered -= c.amount;
      continue;
    }
    heldSince = c.day;
    break;
  }
  const heldDays = heldSince === null ? null : Math.max(0, dayNumber(today) - dayNumber(heldSince));
  return { collected, remitted, balance: collected - remitted, heldSince, heldDays, overdue: heldDays !== null && heldDays > maxDays };
}

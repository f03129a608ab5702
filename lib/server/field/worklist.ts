// Today's worklist (issue 11): the people a collector, an agent, a commune or an area should contact
// today — due within 30 days, overdue (still able to pay contiguously) and recently lapsed (up to 12
// months: win-back) — built on the renewal list of ADR 0204 (lib/server/renewals) with the contact log
// on top: a person who promised to pay leaves the list until the promised date, one who refused for a
// reason that ends voluntary insurance (moved away, now compulsory, deceased) leaves it for good, and a
// later follow-up date moves a person down until that day.
import "server-only";
import { addMonths, todayInVietnam, toIsoDate, type IsoDate } from "@/lib/domain/dates";
import type { DbTx } from "../db/client";
import { assertFieldRead, fieldEnrolleeWhere, type Principal } from "../auth/authz";
import { buildRenewalList, type RenewalList, type RenewalRow } from "../renewals/renewals";
import { FINAL_REASONS, type ContactOutcome, type RefusalReason } from "@/lib/validation/field";

export const WIN_BACK_MONTHS = 12;

export type LastContact = {
  outcome: ContactOutcome;
  reason: RefusalReason | null;
  promisedOn: IsoDate | null;
  followUpOn: IsoDate | null;
  contactedOn: IsoDate;
  note: string | null;
};

export type WorklistRow = Omit<RenewalRow, "status"> & {
  status: "DUE" | "OVERDUE" | "LAPSED";
  lastContact: LastContact | null;
  /** 0 follow-up due today, 1 overdue, 2 due within 7 days, 3 due later, 4 lapsed (win-back), 5 follow up later */
  urgency: number;
  /** the person's agent has a collection account: a VietQR image exists (GET /field/{id}/qr) */
  qr: boolean;
};

export type Worklist = Omit<RenewalList, "rows"> & { rows: WorklistRow[]; hidden: { promised: number; closed: number } };

/** Urgency of one row on `on`: the ordering key of the worklist. */
export function urgencyOf(r: Pick<RenewalRow, "status" | "daysLeft">, c: LastContact | null, on: IsoDate): number {
  const follow = c?.followUpOn ?? null;
  if (follow && follow <= on) return 0;
  if (follow && follow > on) return 5;
  if (r.status === "OVERDUE") return 1;
  if (r.status === "DUE") return r.daysLeft <= 7 ? 2 : 3;
  return 4;
}

export async function listWorklist(db: DbTx, p: Principal, input: unknown, opts: { on?: IsoDate } = {}): Promise<Worklist> {
  assertFieldRead(p);
  const on = opts.on ?? todayInVietnam();
  const list = await buildRenewalList(db, p, input, { on, where: fieldEnrolleeWhere(p), winBackMonths: WIN_BACK_MONTHS });
  const ids = list.rows.map((r) => r.enrolleeId);
  // the latest contact of each person on the list
  const contacts = ids.length
    ? await db.contactLog.findMany({
        where: { enrolleeId: { in: ids } },
        orderBy: [{ enrolleeId: "asc" }, { createdAt: "desc" }, { id: "desc" }],
        distinct: ["enrolleeId"],
        select: { enrolleeId: true, outcome: true, reason: true, promisedOn: true, followUpOn: true, contactedOn: true, note: true },
      })
    : [];
  const agentIds = [...new Set(list.rows.map((r) => r.agentId).filter((a): a is number => a != null))];
  const withAccount = new Set(
    agentIds.length
      ? (
          await db.collectionAgent.findMany({
            where: { id: { in: agentIds }, bankBin: { not: null }, bankAccountNo: { not: null }, bankAccountName: { not: null } },
            select: { id: true },
          })
        ).map((a) => a.id)
      : [],
  );
  const last = new Map<number, LastContact>(
    contacts.map((c) => [
      c.enrolleeId,
      {
        outcome: c.outcome,
        reason: c.reason,
        note: c.note,
        contactedOn: toIsoDate(c.contactedOn),
        promisedOn: c.promisedOn ? toIsoDate(c.promisedOn) : null,
        followUpOn: c.followUpOn ? toIsoDate(c.followUpOn) : null,
      },
    ]),
  );

  let promised = 0,
    closed = 0;
  const rows: WorklistRow[] = [];
  for (const r of list.rows) {
    const c = last.get(r.enrolleeId) ?? null;
    // a contact counts for this renewal only (made at most two months before the coverage end): last
    // year's promise or follow-up date says nothing about this year's
    const current = c && c.contactedOn >= addMonths(r.coverageEnd, -2) ? c : null;
    if (current?.outcome === "PROMISED" && current.promisedOn && current.promisedOn > on) {
      promised++;
      continue;
    }
    if (current?.outcome === "REFUSED" && current.reason && FINAL_REASONS.includes(current.reason)) {
      closed++;
      continue;
    }
    rows.push({
      ...r,
      lastContact: current,
      urgency: urgencyOf(r, current, on),
      qr: r.agentId != null && withAccount.has(r.agentId) && (r.amountDue ?? 0) > 0,
    });
  }
  rows.sort(
    (a, b) =>
      a.urgency - b.urgency ||
      (a.urgency === 5
        ? a.lastContact!.followUpOn! < b.lastContact!.followUpOn!
          ? -1
          : a.lastContact!.followUpOn! > b.lastContact!.followUpOn!
            ? 1
            : 0
        : 0) ||
      // win-back: the most recently lapsed first; otherwise the earliest coverage end first
      (a.urgency === 4 ? b.daysLeft - a.daysLeft : a.daysLeft - b.daysLeft) ||
      a.fullName.localeCompare(b.fullName, "vi") ||
      a.enrolleeId - b.enrolleeId,
  );
  return {
    ...list,
    rows,
    hidden: { promised, closed },
    totals: {
      due: rows.filter((r) => r.status === "DUE").length,
      overdue: rows.filter((r) => r.status === "OVERDUE").length,
      amountDue: rows.reduce((s, r) => s + (r.amountDue ?? 0), 0),
    },
  };
}

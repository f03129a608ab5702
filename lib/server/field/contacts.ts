// The contact log (issue 11): one entry per call or visit — outcome, refusal reason, promised date, note,
// next follow-up — written with its audit entry in one transaction, read back on the person's timeline.
import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { fromIsoDate, todayInVietnam, toIsoDate, type IsoDate } from "@/lib/domain/dates";
import { contactSchema, type ContactOutcome, type RefusalReason } from "@/lib/validation/field";
import type { DbTx } from "../db/client";
import { assertEnrolleeReachable, assertFieldRead, assertFieldWrite, type Principal } from "../auth/authz";
import { writeAudit } from "../trust/audit";
import { inTransaction } from "../db/helpers";

export type ContactEntry = {
  id: number;
  outcome: ContactOutcome;
  reason: RefusalReason | null;
  promisedOn: IsoDate | null;
  followUpOn: IsoDate | null;
  note: string | null;
  contactedOn: IsoDate;
  createdAt: Date;
  by: string;
  collector: string | null;
};

/** Logs one contact with a person the caller may reach; 404 for anyone else (nothing written). */
export async function logContact(
  db: PrismaClient | DbTx,
  p: Principal,
  enrolleeId: number,
  input: unknown,
  opts: { on?: IsoDate } = {},
): Promise<ContactEntry> {
  assertFieldWrite(p);
  const on = opts.on ?? todayInVietnam();
  const v = contactSchema(p.locale, on).parse(input);
  return inTransaction(db, async (tx) => {
    const e = Number.isSafeInteger(enrolleeId)
      ? await tx.enrollee.findUnique({ where: { id: enrolleeId }, select: { id: true, agentId: true, communeCode: true, areaCode: true, provinceCode: true } })
      : null;
    assertEnrolleeReachable(p, e);
    const row = await tx.contactLog.create({
      data: {
        enrolleeId,
        provinceCode: e.provinceCode,
        areaCode: e.areaCode,
        communeCode: e.communeCode,
        agentId: p.collector?.agentId ?? e.agentId,
        collectorId: p.collector?.collectorId ?? null,
        userId: p.userId,
        outcome: v.outcome,
        reason: v.reason,
        note: v.note,
        contactedOn: fromIsoDate(on),
        promisedOn: v.promisedOn ? fromIsoDate(v.promisedOn) : null,
        followUpOn: v.followUpOn ? fromIsoDate(v.followUpOn) : null,
      },
    });
    const entry: ContactEntry = {
      id: row.id,
      outcome: row.outcome,
      reason: row.reason,
      promisedOn: v.promisedOn,
      followUpOn: v.followUpOn,
      note: v.note,
      contactedOn: on,
      createdAt: row.createdAt,
      by: p.login,
      collector: null,
    };
    await writeAudit(tx, p, {
      action: "contact.create",
      entity: "Enrollee",
      entityId: enrolleeId,
      unitCode: e.communeCode,
      after: { contactId: row.id, ...v, contactedOn: on },
    });
    return entry;
  });
}

/** A person's contacts, newest first (the caller has checked the person is reachable). */
export async function contactsOf(db: DbTx, p: Principal, enrolleeId: number): Promise<ContactEntry[]> {
  assertFieldRead(p);
  const rows = await db.contactLog.findMany({
    where: { enrolleeId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
    include: { user: { select: { login: true } }, collector: { select: { name: true } } },
  });
  return rows.map((c) => ({
    id: c.id,
    outcome: c.outcome,
    reason: c.reason,
    note: c.note,
    contactedOn: toIsoDate(c.contactedOn),
    createdAt: c.createdAt,
    promisedOn: c.promisedOn ? toIsoDate(c.promisedOn) : null,
    followUpOn: c.followUpOn ? toIsoDate(c.followUpOn) : null,
    by: c.user.login,
    collector: c.collector?.name ?? null,
  }));
}

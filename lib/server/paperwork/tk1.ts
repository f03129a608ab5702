// The person behind a TK1-TS declaration (issue 13 item 2; lib/domain/tk1.ts fills the form): what the app knows of
// them, for every desk role that reads the person and for a collector registering its agent's people in the field
// (issue 15) — the field's rule (assertFieldRead, assertEnrolleeReachable): the caller's scope and, for a collector,
// its agent's people in its agent's communes. Anyone else's person is "not found" (404). The ID number is masked
// for the roles that do not enroll people (ADR 0704).
import { maskPersonalId } from "@/lib/domain/personal-id-mask";
import type { Tk1Person } from "@/lib/domain/tk1";
import type { PaymentPeriod, SubsidyGroup } from "@/lib/domain/types";
import { toIsoDate } from "@/lib/domain/dates";
import type { DbTx } from "../db/client";
import { AuthError, assertEnrolleeReachable, assertFieldRead, type Principal } from "../auth/authz";

export async function getTk1Person(db: DbTx, p: Principal, id: number): Promise<Tk1Person & { id: number }> {
  assertFieldRead(p);
  const e = Number.isSafeInteger(id)
    ? await db.enrollee.findUnique({
        where: { id },
        select: {
          id: true,
          provinceCode: true,
          areaCode: true,
          communeCode: true,
          agentId: true,
          fullName: true,
          sex: true,
          dateOfBirth: true,
          nationality: true,
          ethnicity: true,
          personalId: true,
          phone: true,
          email: true,
          address: true,
          siCode: true,
          declaredIncome: true,
          paymentPeriod: true,
          subsidyGroup: true,
          commune: { select: { fullName: true, parent: { select: { fullName: true } } } },
          agent: { select: { name: true } },
        },
      })
    : null;
  if (!e) throw new AuthError(404, "not found");
  assertEnrolleeReachable(p, e);
  return {
    id: e.id,
    fullName: e.fullName,
    sex: e.sex,
    dateOfBirth: toIsoDate(e.dateOfBirth),
    nationality: e.nationality,
    ethnicity: e.ethnicity,
    personalId: maskPersonalId(e.personalId, p.role),
    phone: e.phone,
    email: e.email,
    address: e.address,
    communeName: e.commune.fullName,
    areaName: e.commune.parent?.fullName ?? "",
    siCode: e.siCode,
    declaredIncome: e.declaredIncome,
    paymentPeriod: e.paymentPeriod as PaymentPeriod,
    subsidyGroup: e.subsidyGroup as SubsidyGroup,
    agentName: e.agent?.name ?? null,
  };
}

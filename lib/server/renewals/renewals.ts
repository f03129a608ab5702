// The renewal worklist: the call list an agent takes to the field. People whose coverage ends within
// the next 30 days (due) or ended within the last 3 months (overdue, still recoverable), per agent or
// per commune, with phone numbers and the amount their usual payment would cost today.
// Status windows come from lib/domain/coverage-status.ts; the amount from the calculator with the
// policy in force today in the person's province.
import "server-only";
import { maskPersonalId } from "@/lib/domain/personal-id-mask";
import { calculateContribution, incomeCeiling, type PolicySnapshot } from "@/lib/domain/contribution";
import { coverageStatus, statusBounds } from "@/lib/domain/coverage-status";
import { addMonths, fromIsoDate, todayInVietnam, toIsoDate, type IsoDate } from "@/lib/domain/dates";
import { policyAt } from "@/lib/domain/policy";
import type { PaymentPeriod, SubsidyGroup } from "@/lib/domain/types";
import { renewalFilterSchema, type RenewalFilter } from "@/lib/validation/renewals";
import type { DbTx } from "../db/client";
import { AuthError, assertCan, assertInScope, scopeWhere, type Principal } from "../auth/authz";
import { loadPolicyTables } from "../reference/policy";

export type RenewalRow = {
  enrolleeId: number;
  personalId: string;
  fullName: string;
  dateOfBirth: IsoDate;
  phone: string | null;
  address: string | null;
  communeCode: string;
  communeName: string;
  agentId: number | null;
  agentName: string | null;
  coverageEnd: IsoDate;
  /** also "LAPSED" in the field worklist's win-back window (buildRenewalList with winBackMonths; the
   *  field's WorklistRow says so), never on the desk's list */
  status: "DUE" | "OVERDUE";
  subsidyGroup: SubsidyGroup;
  /** days from today to the coverage end: ≥ 0 due, < 0 overdue */
  daysLeft: number;
  paymentPeriod: PaymentPeriod;
  months: number;
  declaredIncome: number;
  /** what the usual payment costs today: gross, subsidies and the net amount to collect */
  gross: number;
  subsidy: number;
  amountDue: number | null;
};

export type RenewalList = {
  on: IsoDate;
  bounds: { overdueFrom: IsoDate; dueUntil: IsoDate };
  filter: RenewalFilter;
  unitName: string;
  commune: { code: string; fullName: string } | null;
  agent: { id: number; code: string; name: string } | null;
  rows: RenewalRow[];
  total: number;
  truncated: boolean;
  totals: { due: number; overdue: number; amountDue: number };
};

/** More than this is not a call list: the page asks to narrow by commune or agent. */
export const RENEWAL_LIST_LIMIT = 5_000;

const DAY_MS = 86_400_000;

export async function listRenewals(db: DbTx, p: Principal, input: unknown, opts: { on?: IsoDate; limit?: number } = {}): Promise<RenewalList> {
  assertCan(p, "enrollee.read");
  return buildRenewalList(db, p, input, opts);
}

export type RenewalListOptions = {
  on?: IsoDate;
  limit?: number;
  /** a narrower where on Enrollee (a collector's people: lib/server/auth/authz.ts fieldEnrolleeWhere) */
  where?: Record<string, unknown>;
  /** also people whose coverage ended up to this many months ago (win-back; status LAPSED) */
  winBackMonths?: number;
};

/** The list itself; the caller has checked the permission (listRenewals for the desk, lib/server/field for the worklist). */
export async function buildRenewalList(db: DbTx, p: Principal, input: unknown, opts: RenewalListOptions = {}): Promise<RenewalList> {
  const filter = renewalFilterSchema.parse(input ?? {});
  const on = opts.on ?? todayInVietnam();
  const limit = Math.min(opts.limit ?? RENEWAL_LIST_LIMIT, RENEWAL_LIST_LIMIT);
  const { dueUntil, overdueFrom } = statusBounds(on);

  let commune: RenewalList["commune"] = null;
  if (filter.commune) {
    const c = await db.unit.findUnique({
      where: { code: filter.commune },
      select: { code: true, level: true, fullName: true, provinceCode: true, areaCode: true },
    });
    assertInScope(p, c && c.level === "COMMUNE" && (!p.collector || p.collector.communeCodes.includes(c.code)) ? c : null);
    commune = { code: c!.code, fullName: c!.fullName };
  }
  let agent: RenewalList["agent"] = null;
  if (filter.agent) {
    const a = await db.collectionAgent.findFirst({
      where: { id: filter.agent, ...scopeWhere(p.scope), ...(p.collector ? { id: p.collector.agentId } : {}) },
      select: { id: true, code: true, name: true },
    });
    if (!a) throw new AuthError(404, "not found");
    agent = a;
  }

  // the status windows as coverage-end ranges (DUE: on…on+30, OVERDUE: on−3 months…on−1)
  const from = opts.winBackMonths ? addMonths(on, -opts.winBackMonths) : overdueFrom;
  const range =
    filter.status === "DUE"
      ? { gte: fromIsoDate(on), lte: fromIsoDate(dueUntil) }
      : filter.status === "OVERDUE"
        ? { gte: fromIsoDate(overdueFrom), lt: fromIsoDate(on) }
        : { gte: fromIsoDate(from), lte: fromIsoDate(dueUntil) };
  const where = {
    ...scopeWhere(p.scope),
    ...(opts.where ?? {}),
    ...(commune ? { communeCode: commune.code } : {}),
    ...(agent ? { agentId: agent.id } : {}),
    coverageEnd: range,
  };
  const [total, enrollees, unit, tables] = await Promise.all([
    db.enrollee.count({ where }),
    db.enrollee.findMany({
      where,
      orderBy: [{ coverageEnd: "asc" }, { fullName: "asc" }, { id: "asc" }],
      take: limit,
      select: {
        id: true,
        personalId: true,
        fullName: true,
        dateOfBirth: true,
        phone: true,
        address: true,
        provinceCode: true,
        communeCode: true,
        agentId: true,
        coverageEnd: true,
        paymentPeriod: true,
        declaredIncome: true,
        subsidyGroup: true,
        subsidyMonthsUsed: true,
        commune: { select: { fullName: true } },
        agent: { select: { name: true } },
        // a lump sum is renewed with the same number of months as last time
        contributions: { orderBy: { periodEnd: "desc" }, take: 1, select: { months: true } },
      },
    }),
    db.unit.findUnique({ where: { code: p.unitCode }, select: { fullName: true } }),
    loadPolicyTables(db),
  ]);

  const policies = new Map<string, PolicySnapshot>();
  const policyFor = (province: string) => {
    let s = policies.get(province);
    if (!s) policies.set(province, (s = policyAt(tables, on, province)));
    return s;
  };

  const rows: RenewalRow[] = enrollees.map((e) => {
    const end = toIsoDate(e.coverageEnd!);
    const cs = coverageStatus(end, on);
    const status = (cs === "OVERDUE" ? "OVERDUE" : cs === "LAPSED" ? "LAPSED" : "DUE") as RenewalRow["status"];
    const period = e.paymentPeriod as PaymentPeriod;
    const months = period === "ADVANCE" || period === "BACK_PAYMENT" ? (e.contributions[0]?.months ?? 12) : undefined;
    const due = amountFor(policyFor(e.provinceCode), e.declaredIncome, period, months, e.subsidyGroup as SubsidyGroup, e.subsidyMonthsUsed);
    return {
      enrolleeId: e.id,
      personalId: maskPersonalId(e.personalId, p.role), // the lists' rule, for the page, print and exports (ADR 0704)
      fullName: e.fullName,
      dateOfBirth: toIsoDate(e.dateOfBirth),
      phone: e.phone,
      address: e.address,
      communeCode: e.communeCode,
      communeName: e.commune.fullName,
      agentId: e.agentId,
      agentName: e.agent?.name ?? null,
      coverageEnd: end,
      status,
      subsidyGroup: e.subsidyGroup as SubsidyGroup,
      daysLeft: Math.round((fromIsoDate(end).getTime() - fromIsoDate(on).getTime()) / DAY_MS),
      paymentPeriod: period,
      months: due.months,
      declaredIncome: e.declaredIncome,
      gross: due.gross,
      subsidy: due.subsidy,
      amountDue: due.net,
    };
  });

  return {
    on,
    bounds: { overdueFrom, dueUntil },
    filter,
    unitName: unit?.fullName ?? p.unitCode,
    commune,
    agent,
    rows,
    total,
    truncated: total > rows.length,
    totals: {
      due: rows.filter((r) => r.status === "DUE").length,
      overdue: rows.filter((r) => r.status === "OVERDUE").length,
      amountDue: rows.reduce((s, r) => s + (r.amountDue ?? 0), 0),
    },
  };
}

/** The usual payment at today's rates. A declared income below today's floor (it rose in 2022) or above
 *  the ceiling is brought within the range, since that is what the person would have to declare now. */
export function amountFor(
  policy: PolicySnapshot,
  income: number,
  period: PaymentPeriod,
  months: number | undefined,
  group: SubsidyGroup,
  subsidyMonthsUsed: number,
) {
  const declared = Math.min(Math.max(income, policy.incomeFloor), incomeCeiling(policy));
  const r = calculateContribution({ policy, declaredIncome: declared, period, months, subsidyGroup: group, subsidyMonthsUsed });
  if (!r.ok) return { months: months ?? 0, gross: 0, subsidy: 0, net: null };
  return { months: r.value.months, gross: r.value.gross, subsidy: r.value.centralSubsidy + r.value.provincialTopUp, net: r.value.net };
}

/** The selectors: communes and agents of the caller's scope (agents of one commune when one is chosen). */
export async function renewalChoices(db: DbTx, p: Principal, communeCode?: string) {
  assertCan(p, "enrollee.read");
  const [communes, agents] = await Promise.all([
    db.unit.findMany({ where: { level: "COMMUNE", ...scopeWhere(p.scope) }, select: { code: true, fullName: true }, orderBy: { code: "asc" } }),
    db.collectionAgent.findMany({
      where: { ...scopeWhere(p.scope), ...(communeCode ? { communes: { some: { communeCode } } } : {}) },
      select: { id: true, code: true, name: true, status: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: 2_000,
    }),
  ]);
  return { communes, agents };
}

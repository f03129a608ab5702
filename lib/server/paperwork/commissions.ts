// Agents' commission (thù lao): the dated rate tables per agent kind (reference data, rows added, never
// edited; a row not yet in force may be deleted — like the regulations, ADR 0402) and the monthly statement
// of an agent or one of its collectors, on money collected or on money remitted (lib/domain/commission.ts,
// ADR 1310). Rates: read by everyone who reads agents, written by a national administrator (policy.write),
// audited. Statements: the agent must lie in the caller's scope (else 404), and a collector must be the agent's.
import type { PrismaClient } from "@/generated/prisma/client";
import type { AgentKind, PaymentPeriod as DbPaymentPeriod } from "@/generated/prisma/enums";
import {
  commissionRows,
  commissionTotals,
  type CommissionMode,
  type CommissionPayment,
  type CommissionRateRow,
  type CommissionRow,
  type CommissionTotals,
} from "@/lib/domain/commission";
import { addDays, addMonths, fromIsoDate, toIsoDate, type IsoDate } from "@/lib/domain/dates";
import type { PaymentPeriod } from "@/lib/domain/types";
import { messages } from "@/lib/i18n/messages";
import { commissionQuerySchema, commissionRateSchema } from "@/lib/validation/commissions";
import { fieldError } from "@/lib/validation/form";
import type { DbTx } from "../db/client";
import { inTransaction } from "../db/helpers";
import { AuthError, assertCan, assertInScope, can, type Principal } from "../auth/authz";
import { RuleError } from "../errors";
import { writeAudit } from "../trust/audit";
import { toXlsx, type Column } from "../files/spreadsheet";

export type RateState = "inForce" | "future" | "past";
export type CommissionRateView = CommissionRateRow & { id: number; legalBasis: string | null; state: RateState; deletable: boolean };

async function loadRates(db: DbTx): Promise<(CommissionRateRow & { id: number; legalBasis: string | null })[]> {
  const rows = await db.commissionRate.findMany({ orderBy: [{ agentKind: "asc" }, { effectiveFrom: "desc" }, { paymentPeriod: "asc" }, { id: "asc" }] });
  return rows.map((r) => ({
    id: r.id,
    agentKind: r.agentKind,
    paymentPeriod: (r.paymentPeriod as PaymentPeriod | null) ?? null,
    newRateBp: r.newRateBp,
    renewalRateBp: r.renewalRateBp,
    effectiveFrom: toIsoDate(r.effectiveFrom),
    sample: r.sample,
    legalBasis: r.legalBasis,
  }));
}

/** Every rate row, with its state on `today`: the table of its kind in force, a later one, or an older one. */
export async function listCommissionRates(db: DbTx, p: Principal, today: IsoDate): Promise<{ rates: CommissionRateView[]; editable: boolean }> {
  assertCan(p, "unit.read");
  const rows = await loadRates(db);
  const current = new Map<string, string>();
  for (const r of rows) if (r.effectiveFrom <= today && (current.get(r.agentKind) ?? "") < r.effectiveFrom) current.set(r.agentKind, r.effectiveFrom);
  const editable = can(p, "policy.write");
  return {
    editable,
    rates: rows.map((r) => ({
      ...r,
      state: r.effectiveFrom > today ? "future" : current.get(r.agentKind) === r.effectiveFrom ? "inForce" : "past",
      deletable: editable && r.effectiveFrom > today,
    })),
  };
}

/** Adds a row (commissionRateSchema); one per kind, period (or any period) and date. National admin; audited. */
export async function addCommissionRate(db: PrismaClient | DbTx, p: Principal, input: unknown): Promise<{ id: number }> {
  assertCan(p, "policy.write");
  const v = commissionRateSchema.parse(input);
  return inTransaction(db, async (tx) => {
    const effectiveFrom = fromIsoDate(v.effectiveFrom);
    const period = (v.paymentPeriod ?? null) as DbPaymentPeriod | null;
    if (await tx.commissionRate.findFirst({ where: { agentKind: v.agentKind as AgentKind, paymentPeriod: period, effectiveFrom } })) {
      throw fieldError("effectiveFrom", "Đã có tỷ lệ cho loại đại lý và phương thức đóng này từ ngày này — thêm dòng với ngày hiệu lực khác");
    }
    const row = await tx.commissionRate.create({
      data: {
        agentKind: v.agentKind as AgentKind,
        paymentPeriod: period,
        newRateBp: v.newRate,
        renewalRateBp: v.renewalRate,
        effectiveFrom,
        legalBasis: v.legalBasis,
        sample: v.sample,
        createdById: p.userId,
      },
    });
    await writeAudit(tx, p, {
      action: "commission.rate.create",
      entity: "CommissionRate",
      entityId: row.id,
      unitCode: "VN",
      after: {
        agentKind: v.agentKind,
        paymentPeriod: period,
        newRateBp: v.newRate,
        renewalRateBp: v.renewalRate,
        effectiveFrom: v.effectiveFrom,
        legalBasis: v.legalBasis,
        sample: v.sample,
      },
    });
    return { id: row.id };
  });
}

/**
 * Deletes a row not yet in force (effective date after today); a row in force or past stays: a RuleError 409
 * in the caller's language (the page shows it, the JSON API answers 409). Unknown id: 404. Audited.
 */
export async function deleteCommissionRate(db: PrismaClient | DbTx, p: Principal, id: number, today: IsoDate): Promise<void> {
  assertCan(p, "policy.write");
  await inTransaction(db, async (tx) => {
    const row = Number.isSafeInteger(id) ? await tx.commissionRate.findUnique({ where: { id } }) : null;
    if (!row) throw new AuthError(404, "not found");
    if (toIsoDate(row.effectiveFrom) <= today) throw new RuleError(messages[p.locale].commissions.rates.notDeletable, 409);
    await tx.commissionRate.delete({ where: { id } });
    await writeAudit(tx, p, {
      action: "commission.rate.delete",
      entity: "CommissionRate",
      entityId: id,
      unitCode: "VN",
      before: { ...row, effectiveFrom: toIsoDate(row.effectiveFrom) },
    });
  });
}

export type CommissionStatement = {
  agent: { id: number; code: string; name: string; kind: string };
  collector: { id: number; name: string } | null;
  collectors: { id: number; name: string }[];
  month: string;
  from: IsoDate;
  to: IsoDate;
  mode: CommissionMode;
  /** remitted mode: what the agent remitted in the month (the rows' bases add up to it while collections last) */
  remittedInMonth: number | null;
  rows: CommissionRow[];
  totals: CommissionTotals;
  /** some row's rate is a sample value (the demo's): the statement says so */
  sampleRates: boolean;
};

type RawPayment = {
  id: number;
  paidOn: Date;
  receiptNo: string;
  fullName: string;
  collectorId: number | null;
  collectorName: string | null;
  paymentPeriod: string;
  months: number;
  net: number;
  isNew: boolean;
};

/** The monthly statement (commissionQuerySchema: agentId, month, mode, collectorId). */
export async function getCommissionStatement(db: DbTx, p: Principal, input: unknown): Promise<CommissionStatement> {
  assertCan(p, "enrollee.read");
  const q = commissionQuerySchema.parse(input);
  const a = await db.collectionAgent.findUnique({
    where: { id: q.agentId },
    select: {
      id: true,
      code: true,
      name: true,
      kind: true,
      provinceCode: true,
      areaCode: true,
      collectors: { select: { id: true, name: true }, orderBy: { name: "asc" } },
    },
  });
  if (!a) throw new AuthError(404, "not found");
  assertInScope(p, { code: a.code, level: "AGENT", provinceCode: a.provinceCode, areaCode: a.areaCode });
  const collector = q.collectorId === undefined ? null : (a.collectors.find((c) => c.id === q.collectorId) ?? null);
  if (q.collectorId !== undefined && !collector) throw new AuthError(404, "not found");

  const from = `${q.month}-01`;
  const to = addDays(addMonths(from, 1), -1);
  const mode = q.mode as CommissionMode;
  // collected: the month's payments; remitted: every payment up to the month's end (the oldest-first allocation)
  const lower = mode === "collected" ? fromIsoDate(from) : new Date("1900-01-01T00:00:00Z");
  const raw = await db.$queryRaw<RawPayment[]>`
    SELECT c.id, c."paidOn", c."receiptNo", e."fullName", c."collectorId", k.name AS "collectorName", c."paymentPeriod"::text AS "paymentPeriod", c.months, c.net,
           NOT EXISTS (SELECT 1 FROM "Contribution" o WHERE o."enrolleeId" = c."enrolleeId" AND o."periodStart" < c."periodStart") AS "isNew"
    FROM "Contribution" c
    JOIN "Enrollee" e ON e.id = c."enrolleeId"
    LEFT JOIN "Collector" k ON k.id = c."collectorId"
    WHERE c."agentId" = ${a.id} AND c."paidOn" >= ${lower} AND c."paidOn" <= ${fromIsoDate(to)}
    ORDER BY c."paidOn", c.id`;
  const payments: CommissionPayment[] = raw.map((r) => ({
    contributionId: Number(r.id),
    paidOn: toIsoDate(r.paidOn),
    receiptNo: r.receiptNo,
    fullName: r.fullName,
    collectorId: r.collectorId === null ? null : Number(r.collectorId),
    collectorName: r.collectorName,
    paymentPeriod: r.paymentPeriod as PaymentPeriod,
    months: Number(r.months),
    amount: Number(r.net),
    isNew: Boolean(r.isNew),
  }));
  let remitted = { before: 0, during: 0 };
  if (mode === "remitted") {
    const [before, during] = await Promise.all([
      db.remittance.aggregate({ where: { agentId: a.id, remittedOn: { lt: fromIsoDate(from) } }, _sum: { amount: true } }),
      db.remittance.aggregate({ where: { agentId: a.id, remittedOn: { gte: fromIsoDate(from), lte: fromIsoDate(to) } }, _sum: { amount: true } }),
    ]);
    remitted = { before: before._sum.amount ?? 0, during: during._sum.amount ?? 0 };
  }
  const rates = await loadRates(db);
  const rows = commissionRows(mode, payments, rates, a.kind, { from, to }, remitted, collector?.id);
  return {
    agent: { id: a.id, code: a.code, name: a.name, kind: a.kind },
    collector,
    collectors: a.collectors,
    month: q.month,
    from,
    to,
    mode,
    remittedInMonth: mode === "remitted" ? remitted.during : null,
    rows,
    totals: commissionTotals(rows),
    sampleRates: rows.some((r) => r.sample),
  };
}

// ------------------------------------------------------------------------------------ Excel file

const COLUMNS: Column[] = [
  { key: "no", label: "STT", type: "number" },
  { key: "paidOn", label: "Ngày biên lai", type: "date" },
  { key: "receiptNo", label: "Số biên lai" },
  { key: "fullName", label: "Họ và tên" },
  { key: "collectorName", label: "Nhân viên thu" },
  { key: "kind", label: "Tăng mới / Đóng tiếp" },
  { key: "period", label: "Phương thức đóng" },
  { key: "months", label: "Số tháng", type: "number" },
  { key: "amount", label: "Số tiền người tham gia đóng", type: "money" },
  { key: "base", label: "Số tiền tính thù lao", type: "money" },
  { key: "rate", label: "Tỷ lệ thù lao (%)" },
  { key: "commission", label: "Tiền thù lao", type: "money" },
];
const PERIOD_VI: Record<PaymentPeriod, string> = {
  MONTHLY: "Hằng tháng",
  QUARTERLY: "3 tháng",
  SEMIANNUAL: "6 tháng",
  ANNUAL: "12 tháng",
  ADVANCE: "Đóng trước nhiều năm",
  BACK_PAYMENT: "Đóng bù",
};
const pct = (bp: number | null) =>
  bp === null
    ? "chưa có tỷ lệ"
    : (bp / 100)
        .toFixed(2)
        .replace(/\.?0+$/, "")
        .replace(".", ",");

export function commissionFilename(s: CommissionStatement): string {
  return `Thu-lao_${s.agent.code.replace(/[^A-Za-z0-9.-]/g, "_")}${s.collector ? `_NV${s.collector.id}` : ""}_${s.month}_${s.mode === "collected" ? "da-thu" : "da-nop"}.xlsx`;
}

/** The statement as one sheet: a title line, a row per payment, subtotals new / renewal and the total. */
export async function commissionWorkbook(s: CommissionStatement): Promise<Buffer> {
  const title = `Bảng kê thù lao đại lý thu tháng ${s.month.slice(5, 7)}/${s.month.slice(0, 4)} — ${s.agent.name} (${s.agent.code})${s.collector ? ` — NV thu: ${s.collector.name}` : ""} — ${s.mode === "collected" ? "tính trên số tiền đã thu" : "tính trên số tiền đã nộp"}${s.sampleRates ? " — TỶ LỆ MẪU, không phải tỷ lệ chính thức" : ""}`;
  const rows: Record<string, unknown>[] = s.rows.map((r, i) => ({
    no: i + 1,
    paidOn: r.paidOn,
    receiptNo: r.receiptNo,
    fullName: r.fullName,
    collectorName: r.collectorName ?? "",
    kind: r.isNew ? "Tăng mới" : "Đóng tiếp",
    period: PERIOD_VI[r.paymentPeriod],
    months: r.months,
    amount: r.amount,
    base: r.base,
    rate: pct(r.rateBp) + (r.sample ? " (mẫu)" : ""),
    commission: r.commission,
  }));
  const t = s.totals;
  rows.push({ fullName: "Cộng Tăng mới", base: t.newBase, commission: t.newCommission });
  rows.push({ fullName: "Cộng Đóng tiếp", base: t.renewalBase, commission: t.renewalCommission });
  rows.push({ fullName: `Tổng cộng (${t.payments} khoản)`, amount: t.amount, base: t.base, commission: t.commission });
  return toXlsx([{ name: `Thu lao ${s.month}`, title, columns: COLUMNS, rows }]);
}

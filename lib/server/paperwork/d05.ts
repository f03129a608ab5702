// The D05-TS list of an agent (or of a unit) for a month or a date range: every payment whose receipt
// date falls in the range, as the form's rows (lib/domain/d05.ts), with the heading the form carries.
// Scoped: the agent or unit must lie in the caller's scope (else 404), and only payments of communes
// inside the scope are listed. Personal ID numbers are masked for roles that do not enroll (ADR 0704).
import { Prisma } from "@/generated/prisma/client";
import { z } from "zod";
import { buildD05, collectorCode, type D05Payment, type D05Row, type D05Totals } from "@/lib/domain/d05";
import { fromIsoDate, toIsoDate, type IsoDate } from "@/lib/domain/dates";
import { maskPersonalId } from "@/lib/domain/personal-id-mask";
import { MissingPolicyError, policyAt } from "@/lib/domain/policy";
import { d05QuerySchema, d05Range, type D05Query } from "@/lib/validation/paperwork";
import type { DbTx } from "../db/client";
import { AuthError, assertCan, assertInScope, scopeCondition, unitCondition, type Principal } from "../auth/authz";

import { loadPolicyTables } from "../reference/policy";

/** The most rows one list may hold (a province for a whole year would be far beyond any paper form). */
export const D05_MAX_ROWS = 50_000;

export type D05List = {
  from: IsoDate;
  to: IsoDate;
  month: string | null;
  agent: { id: number; code: string; name: string } | null;
  unit: { code: string; fullName: string };
  province: { code: string; fullName: string } | null;
  rows: D05Row[];
  totals: D05Totals;
  /** Column 16 is filled for every row (each payment was taken by a collector of the agent); false when some were not (taken at the desk). */
  collectorKnown: boolean;
};

type Raw = {
  id: number;
  fullName: string;
  siCode: string | null;
  personalId: string;
  address: string | null;
  communeName: string;
  paidOn: Date | string;
  receiptNo: string;
  declaredIncome: number;
  months: number;
  periodStart: Date | string;
  gross: number;
  net: number;
  centralSubsidy: number;
  provincialTopUp: number;
  subsidyMonths: number;
  provinceCode: string;
  firstPayment: boolean;
  collectorId: number | null;
};

const iso = (d: Date | string) => (typeof d === "string" ? d.slice(0, 10) : toIsoDate(d));

/** The D05-TS list. `input`: d05QuerySchema (agentId or unit; month or from/to). */
export async function getD05List(db: DbTx, p: Principal, input: unknown): Promise<D05List> {
  assertCan(p, "enrollee.read");
  const q: D05Query = d05QuerySchema.parse(input);
  const { from, to } = d05Range(q);

  let agent: D05List["agent"] = null;
  let unitCode: string;
  let who: Prisma.Sql;
  if (q.agentId !== undefined) {
    const a = await db.collectionAgent.findUnique({
      where: { id: q.agentId },
      select: { id: true, code: true, name: true, provinceCode: true, areaCode: true },
    });
    if (!a) throw new AuthError(404, "not found");
    assertInScope(p, { code: a.code, level: "AGENT", provinceCode: a.provinceCode, areaCode: a.areaCode });
    agent = { id: a.id, code: a.code, name: a.name };
    unitCode = a.areaCode;
    who = Prisma.sql`c."agentId" = ${a.id}`;
  } else {
    const u = await db.unit.findUnique({ where: { code: q.unit! }, select: { code: true, level: true, provinceCode: true, areaCode: true } });
    if (!u) throw new AuthError(404, "not found");
    assertInScope(p, u);
    unitCode = u.code;
    who = unitCondition(u, "c");
  }
  const unit = await db.unit.findUniqueOrThrow({ where: { code: unitCode }, select: { code: true, fullName: true, provinceCode: true } });
  const province = unit.provinceCode ? await db.unit.findUnique({ where: { code: unit.provinceCode }, select: { code: true, fullName: true } }) : null;

  const raw = await db.$queryRaw<Raw[]>`
    SELECT c.id, e."fullName", e."siCode", e."personalId", e.address, u."fullName" AS "communeName",
           c."paidOn", c."receiptNo", c."declaredIncome", c.months, c."periodStart",
           c.gross, c.net, c."centralSubsidy", c."provincialTopUp", c."subsidyMonths", c."provinceCode", c."collectorId",
           NOT EXISTS (SELECT 1 FROM "Contribution" o WHERE o."enrolleeId" = c."enrolleeId" AND o."periodStart" < c."periodStart") AS "firstPayment"
    FROM "Contribution" c
    JOIN "Enrollee" e ON e.id = c."enrolleeId"
    JOIN "Unit" u ON u.code = c."communeCode"
    WHERE ${who} AND ${scopeCondition(p.scope, "c")}
      AND c."paidOn" >= ${fromIsoDate(from)} AND c."paidOn" <= ${fromIsoDate(to)}
    ORDER BY c."paidOn", c."receiptNo", c.id
    LIMIT ${D05_MAX_ROWS + 1}`;
  if (raw.length > D05_MAX_ROWS) {
    throw new z.ZodError([
      {
        code: "custom",
        path: ["to"],
        message: `Danh sách quá ${D05_MAX_ROWS.toLocaleString("vi-VN")} dòng: hãy chọn khoảng ngày ngắn hơn hoặc đơn vị nhỏ hơn`,
        input: q.to,
      },
    ]);
  }

  const tables = await loadPolicyTables(db);
  const payments: D05Payment[] = raw.map((r) => {
    const paidOn = iso(r.paidOn);
    let incomeFloor = 0,
      rateBp = 0;
    try {
      const s = policyAt(tables, paidOn, r.provinceCode);
      incomeFloor = s.incomeFloor;
      rateBp = s.rateBp;
    } catch (e) {
      if (!(e instanceof MissingPolicyError)) throw e; // no regulation that day: the rates stay empty
    }
    return {
      contributionId: Number(r.id),
      fullName: r.fullName,
      siCode: r.siCode,
      personalId: maskPersonalId(r.personalId, p.role),
      address: [r.address, r.address?.includes(r.communeName) ? null : r.communeName].filter(Boolean).join(", "),
      paidOn,
      receiptNo: r.receiptNo,
      declaredIncome: Number(r.declaredIncome),
      months: Number(r.months),
      periodStart: iso(r.periodStart),
      gross: Number(r.gross),
      net: Number(r.net),
      centralSubsidy: Number(r.centralSubsidy),
      provincialTopUp: Number(r.provincialTopUp),
      subsidyMonths: Number(r.subsidyMonths),
      firstPayment: Boolean(r.firstPayment),
      collectorCode: r.collectorId === null ? null : collectorCode(Number(r.collectorId)),
      incomeFloor,
      rateBp,
    };
  });
  const { rows, totals } = buildD05(payments);
  return {
    from,
    to,
    month: q.month ?? null,
    agent,
    unit: { code: unit.code, fullName: unit.fullName },
    province,
    rows,
    totals,
    collectorKnown: rows.every((r) => r.collectorCode !== ""),
  };
}

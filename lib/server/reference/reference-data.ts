// Reference data that administrators maintain: the labour force per commune and year, and the
// regulation values with effective dates (read by lib/server/reference/policy.ts).
//
// Policy rows are never edited, and never deleted once in force (effectiveFrom ≤ today): a
// correction is a new row with a later date. Rows not yet in force may be deleted. Contributions
// store their own amounts, so no new row ever changes a recorded payment (ADR 0402).
import { isUniqueViolation } from "../db/helpers";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { fromIsoDate, toIsoDate, todayInVietnam, yearOf, type IsoDate } from "@/lib/domain/dates";
import { inForce } from "@/lib/domain/policy";
import { toSearchForm } from "@/lib/domain/text";
import { fill, messages, type Locale } from "@/lib/i18n/messages";
import { fieldError } from "@/lib/validation/form";
import { parseWholeNumber } from "@/lib/validation/agents-form";
import {
  labourForceSchema,
  milestoneSchema,
  policyParameterSchema,
  provincialTopUpSchema,
  subsidyTierSchema,
  type PolicyKindName,
} from "@/lib/validation/reference";
import type { DbTx } from "../db/client";
import { AuthError, assertCan, assertInScope, can, unitInScope, type Principal, provinceWhere, provincesWhere, provinceInScope } from "../auth/authz";
import { writeAudit } from "../trust/audit";
import { readRows, SpreadsheetError } from "../files/spreadsheet";

type Opts = { locale?: Locale; today?: IsoDate };
const localeOf = (p: Principal, o?: Opts): Locale => o?.locale ?? p.locale;
const textOf = (p: Principal, o?: Opts) => messages[localeOf(p, o)].agents.v;

// =============================================================================== labour force

export type LabourForceRow = {
  code: string;
  fullName: string;
  areaCode: string | null;
  areaName: string | null;
  persons: number | null;
  communes: number;
  withFigure: number;
};
export type LabourForceTable = {
  unit: { code: string; level: string; fullName: string };
  year: number;
  editable: boolean;
  rows: LabourForceRow[];
  total: number;
};

/**
 * The labour force of a year as the caller's admin screen shows it: at the nation, each province's
 * sum of its communes (drill down to a province); at a province or area, each commune with its own
 * figure (editable). Figures are kept per commune only (ADR 0403).
 */
export async function getLabourForceTable(db: DbTx, p: Principal, input: { unitCode?: string; year: number }): Promise<LabourForceTable> {
  assertCan(p, "reference.write");
  const code = input.unitCode ?? p.unitCode;
  const unit = await db.unit.findUnique({ where: { code }, select: { code: true, level: true, fullName: true, provinceCode: true, areaCode: true } });
  if (!unit || unit.level === "COMMUNE") throw new AuthError(404, "not found");
  assertInScope(p, unit);
  const year = input.year;
  if (unit.level === "NATION") {
    const rows = await db.$queryRaw<{ code: string; fullName: string; persons: bigint | null; communes: bigint; withFigure: bigint }[]>`
      SELECT pr.code, pr."fullName", sum(lf.persons) AS persons, count(c.code) AS communes, count(lf.id) AS "withFigure"
      FROM "Unit" pr
      JOIN "Unit" c ON c."provinceCode" = pr.code AND c.level = 'COMMUNE'
      LEFT JOIN "LabourForce" lf ON lf."unitCode" = c.code AND lf.year = ${year}
      WHERE pr.level = 'PROVINCE'
      GROUP BY pr.code, pr."fullName" ORDER BY pr.code`;
    const out = rows.map((r) => ({
      code: r.code,
      fullName: r.fullName,
      areaCode: null,
      areaName: null,
      persons: r.persons === null ? null : Number(r.persons),
      communes: Number(r.communes),
      withFigure: Number(r.withFigure),
    }));
    return { unit, year, editable: false, rows: out, total: out.reduce((s, r) => s + (r.persons ?? 0), 0) };
  }
  const where = unit.level === "PROVINCE" ? { provinceCode: unit.code } : { areaCode: unit.code };
  const [communes, figures] = await Promise.all([
    db.unit.findMany({
      where: { ...where, level: "COMMUNE" },
      select: { code: true, fullName: true, areaCode: true, parent: { select: { fullName: true } } },
      orderBy: [{ areaCode: "asc" }, { code: "asc" }],
    }),
    db.labourForce.findMany({ where: { year, unit: { ...where, level: "COMMUNE" } }, select: { unitCode: true, persons: true } }),
  ]);
  const fig = new Map(figures.map((f) => [f.unitCode, f.persons]));
  const rows = communes.map((c) => ({
    code: c.code,
    fullName: c.fullName,
    areaCode: c.areaCode,
    areaName: c.parent?.fullName ?? null,
    persons: fig.get(c.code) ?? null,
    communes: 1,
    withFigure: fig.has(c.code) ? 1 : 0,
  }));
  return { unit, year, editable: true, rows, total: rows.reduce((s, r) => s + (r.persons ?? 0), 0) };
}

/** The years that have labour-force figures, plus the current one (for the year select). */
export async function labourForceYears(db: DbTx, currentYear: number): Promise<number[]> {
  const rows = await db.labourForce.groupBy({ by: ["year"], orderBy: { year: "asc" } });
  return [...new Set([...rows.map((r) => r.year), currentYear])].sort((a, b) => a - b);
}

/** Sets one commune's labour force for a year (insert or update), audited. */
export async function setLabourForce(db: PrismaClient, p: Principal, input: unknown, o?: Opts): Promise<void> {
  assertCan(p, "reference.write");
  const m = textOf(p, o);
  const v = labourForceSchema(m).parse(input);
  const unit = await db.unit.findUnique({ where: { code: v.unitCode }, select: { code: true, level: true, provinceCode: true, areaCode: true } });
  if (!unit || unit.level !== "COMMUNE" || !unitInScope(p.scope, unit)) throw fieldError("unitCode", m.commune);
  await db.$transaction(async (tx) => {
    const before = await tx.labourForce.findUnique({ where: { unitCode_year: { unitCode: v.unitCode, year: v.year } } });
    if (before?.persons === v.persons) return;
    await tx.labourForce.upsert({
      where: { unitCode_year: { unitCode: v.unitCode, year: v.year } },
      create: { unitCode: v.unitCode, year: v.year, persons: v.persons, source: `cập nhật bởi ${p.login}` },
      update: { persons: v.persons },
    });
    await writeAudit(tx, p, {
      action: "labourForce.update",
      entity: "LabourForce",
      entityId: `${v.unitCode}/${v.year}`,
      unitCode: v.unitCode,
      before: before ? { persons: before.persons } : null,
      after: { unitCode: v.unitCode, year: v.year, persons: v.persons },
    });
  });
}

export type ImportLine = { line: number; message: string };
export type LabourForceImportResult = {
  fileError?: string;
  valid: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errors: ImportLine[];
  preview: { line: number; unitCode: string; unitName: string; year: number; old: number | null; persons: number }[];
  written: boolean;
};

const HEADERS = {
  unitCode: ["ma don vi", "ma dv", "ma xa", "ma", "unit code", "code"],
  year: ["nam", "year"],
  persons: ["luc luong lao dong", "llld", "lao dong", "labour force", "labor force", "persons"],
} as const;

const MAX_IMPORT_ROWS = 50_000;
const PREVIEW_ROWS = 50;

/**
 * Reads a CSV/XLSX of (mã đơn vị, năm, lực lượng lao động), checks every line (unit exists, is a
 * commune inside the caller's scope, year and figure valid, no duplicate) and reports errors per line.
 * With `commit`, writes the valid lines in one transaction with one audit entry; invalid lines are
 * never written. Without it, nothing is written (the preview).
 */
export async function importLabourForce(
  db: PrismaClient,
  p: Principal,
  file: { name: string; data: Uint8Array },
  o: Opts & { commit: boolean },
): Promise<LabourForceImportResult> {
  assertCan(p, "reference.write");
  const locale = localeOf(p, o);
  const t = messages[locale].reference.import;
  const m = textOf(p, o);
  const empty: LabourForceImportResult = { valid: 0, inserted: 0, updated: 0, unchanged: 0, errors: [], preview: [], written: false };

  // 1. read and check each line on its own
  type Parsed = { line: number; unitCode: string; year: number; persons: number };
  const parsed: Parsed[] = [];
  const errors: ImportLine[] = [];
  let columns: Record<keyof typeof HEADERS, string> | null = null;
  try {
    for await (const row of readRows(file, { maxRows: MAX_IMPORT_ROWS })) {
      if (!columns) {
        const keys = Object.keys(row.values);
        const find = (names: readonly string[]) => keys.find((k) => (names as readonly string[]).includes(toSearchForm(k)));
        const found = { unitCode: find(HEADERS.unitCode), year: find(HEADERS.year), persons: find(HEADERS.persons) };
        const missing = (["unitCode", "year", "persons"] as const).filter((k) => !found[k]);
        if (missing.length) {
          const names = { unitCode: "mã đơn vị", year: "năm", persons: "lực lượng lao động" };
          return { ...empty, fileError: fill(t.missingColumns, { cols: missing.map((k) => `“${names[k]}”`).join(", ") }) };
        }
        columns = found as Record<keyof typeof HEADERS, string>;
      }
      const code = row.values[columns.unitCode].trim();
      const year = parseWholeNumber(row.values[columns.year]);
      const persons = parseWholeNumber(row.values[columns.persons]);
      if (!code) errors.push({ line: row.line, message: m.commune });
      else if (!/^\d{1,5}$/.test(code)) errors.push({ line: row.line, message: fill(t.unitUnknown, { code }) });
      else if (year === null || year < 2000 || year > 2100) errors.push({ line: row.line, message: m.year });
      else if (persons === null || persons > 10_000_000) errors.push({ line: row.line, message: m.persons });
      // spreadsheets drop leading zeros of codes typed as numbers: 4 → 00004
      else parsed.push({ line: row.line, unitCode: code.padStart(5, "0"), year, persons });
    }
  } catch (e) {
    if (e instanceof SpreadsheetError) return { ...empty, fileError: locale === "vi" ? e.message : e.en };
    throw e;
  }
  if (!columns) return { ...empty, fileError: t.noRows };

  // 2. the units: exist, communes, inside the scope (one query per 5,000 codes)
  const codes = [...new Set(parsed.map((r) => r.unitCode))];
  const units = new Map<string, { code: string; level: string; fullName: string; provinceCode: string | null; areaCode: string | null }>();
  for (let i = 0; i < codes.length; i += 5000) {
    for (const u of await db.unit.findMany({
      where: { code: { in: codes.slice(i, i + 5000) } },
      select: { code: true, level: true, fullName: true, provinceCode: true, areaCode: true },
    }))
      units.set(u.code, u);
  }
  const firstLineOf = new Map<string, number>();
  const valid: (Parsed & { unitName: string })[] = [];
  for (const r of parsed) {
    const u = units.get(r.unitCode);
    if (!u) errors.push({ line: r.line, message: fill(t.unitUnknown, { code: r.unitCode }) });
    else if (u.level !== "COMMUNE") errors.push({ line: r.line, message: fill(t.notCommune, { code: r.unitCode }) });
    else if (!unitInScope(p.scope, u)) errors.push({ line: r.line, message: fill(t.outOfScope, { code: r.unitCode }) });
    else {
      const key = `${r.unitCode}/${r.year}`;
      const first = firstLineOf.get(key);
      if (first !== undefined) errors.push({ line: r.line, message: fill(t.duplicate, { line: first }) });
      else {
        firstLineOf.set(key, r.line);
        valid.push({ ...r, unitName: u.fullName });
      }
    }
  }
  errors.sort((a, b) => a.line - b.line);

  // 3. compare with what is stored
  const years = [...new Set(valid.map((r) => r.year))];
  const validCodes = [...new Set(valid.map((r) => r.unitCode))];
  const old = new Map<string, number>();
  for (let i = 0; i < validCodes.length; i += 5000) {
    const rows = await db.labourForce.findMany({
      where: { year: { in: years }, unitCode: { in: validCodes.slice(i, i + 5000) } },
      select: { unitCode: true, year: true, persons: true },
    });
    for (const r of rows) old.set(`${r.unitCode}/${r.year}`, r.persons);
  }
  const changes = valid.map((r) => ({ ...r, old: old.get(`${r.unitCode}/${r.year}`) ?? null }));
  const toWrite = changes.filter((r) => r.old !== r.persons);
  const result: LabourForceImportResult = {
    valid: valid.length,
    inserted: changes.filter((r) => r.old === null).length,
    updated: changes.filter((r) => r.old !== null && r.old !== r.persons).length,
    unchanged: changes.filter((r) => r.old === r.persons).length,
    errors,
    preview: changes
      .slice(0, PREVIEW_ROWS)
      .map((r) => ({ line: r.line, unitCode: r.unitCode, unitName: r.unitName, year: r.year, old: r.old, persons: r.persons })),
    written: false,
  };
  if (!o.commit || toWrite.length === 0) return { ...result, written: o.commit };

  // 4. write the valid lines, all or nothing
  const source = `tệp ${file.name}`.slice(0, 200);
  await db.$transaction(
    async (tx) => {
      for (let i = 0; i < toWrite.length; i += 1000) {
        const batch = toWrite.slice(i, i + 1000);
        await tx.$executeRaw`
        INSERT INTO "LabourForce" ("unitCode", "year", "persons", "source")
        VALUES ${Prisma.join(batch.map((r) => Prisma.sql`(${r.unitCode}, ${r.year}, ${r.persons}, ${source})`))}
        ON CONFLICT ("unitCode", "year") DO UPDATE SET "persons" = EXCLUDED."persons", "source" = EXCLUDED."source"`;
      }
      await writeAudit(tx, p, {
        action: "labourForce.import",
        entity: "LabourForce",
        entityId: null,
        unitCode: p.unitCode,
        after: {
          file: file.name,
          inserted: result.inserted,
          updated: result.updated,
          rejectedLines: errors.length,
          changes: toWrite.map((r) => ({ unitCode: r.unitCode, year: r.year, before: r.old, after: r.persons })),
        },
      });
    },
    { timeout: 120_000 },
  );
  return { ...result, written: true };
}

// ============================================================================ policy values

export type PolicyRowState = "inForce" | "future" | "past";
export type PolicyOverview = {
  parameters: {
    id: number;
    kind: PolicyKindName;
    value: number;
    effectiveFrom: IsoDate;
    legalBasis: string | null;
    state: PolicyRowState;
    deletable: boolean;
  }[];
  subsidyTiers: { id: number; group: string; rateBp: number; effectiveFrom: IsoDate; legalBasis: string | null; state: PolicyRowState; deletable: boolean }[];
  topUps: {
    id: number;
    provinceCode: string;
    provinceName: string;
    group: string;
    rateBp: number;
    effectiveFrom: IsoDate;
    legalBasis: string | null;
    state: PolicyRowState;
    deletable: boolean;
  }[];
  milestones: { id: number; year: number; shareBp: number; legalBasis: string | null; deletable: boolean }[];
  canEditNational: boolean;
  topUpProvinces: { code: string; fullName: string }[];
};

/** Marks, within each group of rows (same kind / group / province+group), the one in force today, the later and the earlier ones. */
function withStates<T extends { effectiveFrom: IsoDate }>(rows: T[], key: (r: T) => string, today: IsoDate): (T & { state: PolicyRowState })[] {
  const groups = new Map<string, T[]>();
  for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  const current = new Set<T>();
  for (const g of groups.values()) {
    const c = inForce(g, today);
    if (c) current.add(c);
  }
  return rows.map((r) => ({ ...r, state: current.has(r) ? "inForce" : r.effectiveFrom > today ? "future" : "past" }));
}

/** Every regulation row (top-ups: the caller's province only, unless national), with what the caller may do. */
export async function getPolicyOverview(db: DbTx, p: Principal, today: IsoDate): Promise<PolicyOverview> {
  assertCan(p, "reference.write");
  const national = can(p, "policy.write");
  const [parameters, tiers, topUps, milestones, provinces] = await Promise.all([
    db.policyParameter.findMany({ orderBy: [{ kind: "asc" }, { effectiveFrom: "desc" }] }),
    db.subsidyTier.findMany({ orderBy: [{ effectiveFrom: "desc" }, { group: "asc" }] }),
    db.provincialTopUp.findMany({
      where: provinceWhere(p.scope),
      orderBy: [{ provinceCode: "asc" }, { effectiveFrom: "desc" }, { group: "asc" }],
      include: { province: { select: { fullName: true } } },
    }),
    db.coverageMilestone.findMany({ orderBy: { year: "asc" } }),
    db.unit.findMany({ where: provincesWhere(p.scope), select: { code: true, fullName: true }, orderBy: { code: "asc" } }),
  ]);
  const iso = <T extends { effectiveFrom: Date }>(r: T) => ({ ...r, effectiveFrom: toIsoDate(r.effectiveFrom) });
  const year = yearOf(today);
  return {
    canEditNational: national,
    topUpProvinces: provinces,
    parameters: withStates(parameters.map(iso), (r) => r.kind, today).map((r) => ({
      id: r.id,
      kind: r.kind as PolicyKindName,
      value: r.value,
      effectiveFrom: r.effectiveFrom,
      legalBasis: r.legalBasis,
      state: r.state,
      deletable: national && r.effectiveFrom > today,
    })),
    subsidyTiers: withStates(tiers.map(iso), (r) => r.group, today).map((r) => ({
      id: r.id,
      group: r.group,
      rateBp: r.rateBp,
      effectiveFrom: r.effectiveFrom,
      legalBasis: r.legalBasis,
      state: r.state,
      deletable: national && r.effectiveFrom > today,
    })),
    topUps: withStates(topUps.map(iso), (r) => `${r.provinceCode}/${r.group}`, today).map((r) => ({
      id: r.id,
      provinceCode: r.provinceCode,
      provinceName: r.province.fullName,
      group: r.group,
      rateBp: r.rateBp,
      effectiveFrom: r.effectiveFrom,
      legalBasis: r.legalBasis,
      state: r.state,
      deletable: r.effectiveFrom > today,
    })),
    milestones: milestones.map((r) => ({ id: r.id, year: r.year, shareBp: r.shareBp, legalBasis: r.legalBasis, deletable: national && r.year > year })),
  };
}

/** Adds a national parameter value from a date (national ADMIN only). */
export async function addPolicyParameter(db: PrismaClient, p: Principal, input: unknown, o?: Opts): Promise<{ id: number }> {
  assertCan(p, "policy.write");
  const m = textOf(p, o);
  const v = policyParameterSchema(m).parse(input);
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.policyParameter.findUnique({ where: { kind_effectiveFrom: { kind: v.kind, effectiveFrom: fromIsoDate(v.effectiveFrom) } } }))
        throw fieldError("effectiveFrom", m.duplicateDate);
      const row = await tx.policyParameter.create({
        data: { kind: v.kind, value: v.value, effectiveFrom: fromIsoDate(v.effectiveFrom), legalBasis: v.legalBasis },
      });
      await writeAudit(tx, p, { action: "policy.parameter.create", entity: "PolicyParameter", entityId: row.id, unitCode: "VN", after: v });
      return { id: row.id };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw fieldError("effectiveFrom", m.duplicateDate);
    throw e;
  }
}

/** Adds a central subsidy rate for a group from a date (national ADMIN only). */
export async function addSubsidyTier(db: PrismaClient, p: Principal, input: unknown, o?: Opts): Promise<{ id: number }> {
  assertCan(p, "policy.write");
  const m = textOf(p, o);
  const v = subsidyTierSchema(m).parse(input);
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.subsidyTier.findUnique({ where: { group_effectiveFrom: { group: v.group, effectiveFrom: fromIsoDate(v.effectiveFrom) } } }))
        throw fieldError("effectiveFrom", m.duplicateDate);
      const row = await tx.subsidyTier.create({
        data: { group: v.group, rateBp: v.rate, effectiveFrom: fromIsoDate(v.effectiveFrom), legalBasis: v.legalBasis },
      });
      await writeAudit(tx, p, {
        action: "policy.subsidy.create",
        entity: "SubsidyTier",
        entityId: row.id,
        unitCode: "VN",
        after: { group: v.group, rateBp: v.rate, effectiveFrom: v.effectiveFrom, legalBasis: v.legalBasis },
      });
      return { id: row.id };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw fieldError("effectiveFrom", m.duplicateDate);
    throw e;
  }
}

/** Adds a province's own top-up rate for a group from a date: a province ADMIN for its province, a national ADMIN for any. */
export async function addProvincialTopUp(db: PrismaClient, p: Principal, input: unknown, o?: Opts): Promise<{ id: number }> {
  assertCan(p, "reference.write");
  const m = textOf(p, o);
  const v = provincialTopUpSchema(m).parse(input);
  const province = await db.unit.findUnique({ where: { code: v.provinceCode }, select: { code: true, level: true, provinceCode: true, areaCode: true } });
  if (!province || province.level !== "PROVINCE" || !provinceInScope(p.scope, v.provinceCode)) throw fieldError("provinceCode", m.provinceOutside);
  try {
    return await db.$transaction(async (tx) => {
      if (
        await tx.provincialTopUp.findUnique({
          where: { provinceCode_group_effectiveFrom: { provinceCode: v.provinceCode, group: v.group, effectiveFrom: fromIsoDate(v.effectiveFrom) } },
        })
      )
        throw fieldError("effectiveFrom", m.duplicateDate);
      const row = await tx.provincialTopUp.create({
        data: { provinceCode: v.provinceCode, group: v.group, rateBp: v.rate, effectiveFrom: fromIsoDate(v.effectiveFrom), legalBasis: v.legalBasis },
      });
      await writeAudit(tx, p, {
        action: "policy.topup.create",
        entity: "ProvincialTopUp",
        entityId: row.id,
        unitCode: v.provinceCode,
        after: { provinceCode: v.provinceCode, group: v.group, rateBp: v.rate, effectiveFrom: v.effectiveFrom, legalBasis: v.legalBasis },
      });
      return { id: row.id };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw fieldError("effectiveFrom", m.duplicateDate);
    throw e;
  }
}

/** Adds a Resolution 28 milestone for a year that has none (national ADMIN only). */
export async function addMilestone(db: PrismaClient, p: Principal, input: unknown, o?: Opts): Promise<{ id: number }> {
  assertCan(p, "policy.write");
  const m = textOf(p, o);
  const v = milestoneSchema(m).parse(input);
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.coverageMilestone.findUnique({ where: { year: v.year } })) throw fieldError("year", m.milestoneExists);
      const row = await tx.coverageMilestone.create({ data: { year: v.year, shareBp: v.share, legalBasis: v.legalBasis } });
      await writeAudit(tx, p, {
        action: "policy.milestone.create",
        entity: "CoverageMilestone",
        entityId: row.id,
        unitCode: "VN",
        after: { year: v.year, shareBp: v.share, legalBasis: v.legalBasis },
      });
      return { id: row.id };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw fieldError("year", m.milestoneExists);
    throw e;
  }
}

export type PolicyTable = "parameter" | "subsidy" | "topup" | "milestone";

/** Deletes a row that is not yet in force (effective date after today; milestones: a year after this one). */
export async function deletePolicyRow(db: PrismaClient, p: Principal, table: PolicyTable, id: number, o?: Opts): Promise<void> {
  const m = textOf(p, o);
  const today = o?.today ?? todayInVietnam();
  const d = fromIsoDate(today);
  await db.$transaction(async (tx) => {
    let before: object;
    let unitCode = "VN";
    let entity: string;
    if (table === "topup") {
      assertCan(p, "reference.write");
      const row = await tx.provincialTopUp.findUnique({ where: { id } });
      if (!row || !provinceInScope(p.scope, row.provinceCode)) throw new AuthError(404, "not found");
      if (row.effectiveFrom <= d) throw fieldError("_form", m.inForce);
      await tx.provincialTopUp.delete({ where: { id } });
      before = row;
      unitCode = row.provinceCode;
      entity = "ProvincialTopUp";
    } else {
      assertCan(p, "policy.write");
      if (table === "milestone") {
        const row = await tx.coverageMilestone.findUnique({ where: { id } });
        if (!row) throw new AuthError(404, "not found");
        if (row.year <= yearOf(today)) throw fieldError("_form", m.inForce);
        await tx.coverageMilestone.delete({ where: { id } });
        before = row;
        entity = "CoverageMilestone";
      } else if (table === "subsidy") {
        const row = await tx.subsidyTier.findUnique({ where: { id } });
        if (!row) throw new AuthError(404, "not found");
        if (row.effectiveFrom <= d) throw fieldError("_form", m.inForce);
        await tx.subsidyTier.delete({ where: { id } });
        before = row;
        entity = "SubsidyTier";
      } else {
        const row = await tx.policyParameter.findUnique({ where: { id } });
        if (!row) throw new AuthError(404, "not found");
        if (row.effectiveFrom <= d) throw fieldError("_form", m.inForce);
        await tx.policyParameter.delete({ where: { id } });
        before = row;
        entity = "PolicyParameter";
      }
    }
    await writeAudit(tx, p, { action: `policy.${table}.delete`, entity, entityId: id, unitCode, before });
  });
}

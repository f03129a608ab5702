// Reading the audit log: the admin page (/audit) and its export. Entries are only ever inserted
// (lib/server/trust/audit.ts; a trigger refuses UPDATE and DELETE), and read here within the caller's
// scope: a provincial admin sees entries whose unit lies in its province (the province itself,
// its areas and communes); a national admin sees everything, including entries without a unit
// (failed sign-ins for unknown logins, national settings).
import { maskPersonalIdsIn } from "@/lib/domain/personal-id-mask";
import { Prisma } from "@/generated/prisma/client";
import { addDays, type IsoDate } from "@/lib/domain/dates";
import { escapeLike } from "@/lib/domain/text";
import { auditFilterSchema, type AuditFilter } from "@/lib/validation/audit-filter";
import type { DbTx } from "../db/client";
import { assertCan, unitInScope, type Principal, unitCodeInScopeCondition, unitCodeInUnitCondition } from "../auth/authz";

export const AUDIT_PAGE_SIZE = 50;
/** Largest export; beyond it the user narrows the filter (a count shows how many match). */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

export type AuditRow = {
  id: number;
  at: Date;
  userId: number | null;
  userLogin: string | null;
  unitCode: string | null;
  unitName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
};

export type AuditPage = {
  rows: AuditRow[];
  /** Entries matching the filter, counted up to AUDIT_EXPORT_MAX_ROWS + 1. */
  total: number;
  totalIsCapped: boolean;
  /** Cursors for the neighbouring pages (null when there is none). */
  newer: number | null;
  older: number | null;
};

/** A filter value that names something outside the caller's scope or that does not exist. */
export class AuditFilterError extends Error {
  constructor(
    public readonly field: "unit",
    message = "not found",
  ) {
    super(message);
  }
}

/** The start of a day in Vietnam (UTC+7, no daylight saving) as the UTC instant stored in "at". */
export function vietnamDayStart(d: IsoDate): Date {
  return new Date(`${d}T00:00:00.000+07:00`);
}

const UNIT_CODE = Prisma.sql`a."unitCode"`;

/** The WHERE conditions of a filter (without the cursors). */
async function conditions(db: DbTx, p: Principal, f: AuditFilter): Promise<Prisma.Sql[]> {
  const where: Prisma.Sql[] = [unitCodeInScopeCondition(p.scope, UNIT_CODE)];
  if (f.unit) {
    const unit = await db.unit.findUnique({ where: { code: f.unit }, select: { code: true, level: true, provinceCode: true, areaCode: true } });
    if (!unit || !unitInScope(p.scope, unit)) throw new AuditFilterError("unit");
    // NATION: the whole log, which the scope condition already bounds
    where.push(unitCodeInUnitCondition(unit, UNIT_CODE));
  }
  if (f.login) {
    // The user's own actions, and sign-ins (successful or not) to that login. A failed sign-in has
    // no actor: it names the user as its entity, or, for an unknown login, only in "after".
    const user = await db.user.findUnique({ where: { login: f.login }, select: { id: true } });
    where.push(
      user
        ? Prisma.sql`(a."userId" = ${user.id} OR (a.entity = 'User' AND a."entityId" = ${String(user.id)} AND a.action LIKE 'auth.%'))`
        : Prisma.sql`(a."userLogin" = ${f.login} OR (a.action = 'auth.login_failed' AND a."after"->>'login' = ${f.login}))`,
    );
  }
  if (f.entity) where.push(Prisma.sql`a.entity = ${f.entity}`);
  if (f.entityId) where.push(Prisma.sql`a."entityId" = ${f.entityId}`);
  if (f.action) where.push(Prisma.sql`a.action LIKE ${`${escapeLike(f.action)}%`}`);
  if (f.from) where.push(Prisma.sql`a."at" >= ${vietnamDayStart(f.from)}`);
  if (f.to) where.push(Prisma.sql`a."at" < ${vietnamDayStart(addDays(f.to, 1))}`);
  return where;
}

const and = (parts: Prisma.Sql[]) => Prisma.join(parts, " AND ");

async function selectRows(db: DbTx, role: string, where: Prisma.Sql[], order: "asc" | "desc", limit: number): Promise<AuditRow[]> {
  const rows = await db.$queryRaw<(Omit<AuditRow, "id" | "userId"> & { id: number | bigint; userId: number | bigint | null })[]>`
    SELECT a.id, a."at", a."userId", a."userLogin", a."unitCode", u."fullName" AS "unitName", a.action, a.entity, a."entityId", a."before", a."after"
    FROM "AuditLog" a LEFT JOIN "Unit" u ON u.code = a."unitCode"
    WHERE ${and(where)}
    ORDER BY a.id ${Prisma.raw(order === "asc" ? "ASC" : "DESC")}
    LIMIT ${limit}`;
  // ID numbers in before/after follow the lists' rule (ADR 0704): the page and the CSV export alike
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    userId: r.userId == null ? null : Number(r.userId),
    at: r.at instanceof Date ? r.at : new Date(r.at),
    before: maskPersonalIdsIn(r.before, role),
    after: maskPersonalIdsIn(r.after, role),
  }));
}

async function exists(db: DbTx, where: Prisma.Sql[]): Promise<boolean> {
  const r = await db.$queryRaw<{ x: number }[]>`SELECT 1 AS x FROM "AuditLog" a WHERE ${and(where)} LIMIT 1`;
  return r.length > 0;
}

/** Entries matching the filter, up to `cap` (a count beyond it is not worth its cost). */
export async function countAuditEntries(db: DbTx, p: Principal, input: unknown, cap = AUDIT_EXPORT_MAX_ROWS + 1): Promise<number> {
  assertCan(p, "audit.read");
  const f = auditFilterSchema().parse(input);
  const where = await conditions(db, p, f);
  const r = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM (SELECT 1 FROM "AuditLog" a WHERE ${and(where)} LIMIT ${cap}) s`;
  return Number(r[0]?.n ?? 0);
}

/** One page of the log, newest first, with keyset cursors (`before`: older than id, `after`: newer than id). */
export async function listAuditLog(db: DbTx, p: Principal, input: unknown, pageSize = AUDIT_PAGE_SIZE): Promise<AuditPage> {
  assertCan(p, "audit.read");
  const f = auditFilterSchema().parse(input);
  const where = await conditions(db, p, f);
  let rows: AuditRow[];
  if (f.after && !f.before) {
    rows = await selectRows(db, p.role, [...where, Prisma.sql`a.id > ${f.after}`], "asc", pageSize + 1);
    const more = rows.length > pageSize;
    rows = rows.slice(0, pageSize).reverse();
    const older = rows.length ? await exists(db, [...where, Prisma.sql`a.id < ${rows[rows.length - 1].id}`]) : false;
    const total = await countAuditEntries(db, p, input);
    return { rows, total, totalIsCapped: total > AUDIT_EXPORT_MAX_ROWS, newer: more ? rows[0].id : null, older: older ? rows[rows.length - 1].id : null };
  }
  const page = await selectRows(db, p.role, f.before ? [...where, Prisma.sql`a.id < ${f.before}`] : where, "desc", pageSize + 1);
  const more = page.length > pageSize;
  rows = page.slice(0, pageSize);
  const newer = f.before && rows.length ? await exists(db, [...where, Prisma.sql`a.id > ${rows[0].id}`]) : false;
  const total = await countAuditEntries(db, p, input);
  return { rows, total, totalIsCapped: total > AUDIT_EXPORT_MAX_ROWS, newer: newer ? rows[0].id : null, older: more ? rows[rows.length - 1].id : null };
}

/** Every entry matching the filter, newest first, read in keyset pages; refuses more than `max` rows. */
export async function exportAuditLog(db: DbTx, p: Principal, input: unknown, max = AUDIT_EXPORT_MAX_ROWS): Promise<AuditRow[]> {
  assertCan(p, "audit.read");
  const f = auditFilterSchema().parse(input);
  const where = await conditions(db, p, { ...f, before: undefined, after: undefined });
  const n = await countAuditEntries(db, p, { ...(input as object), before: undefined, after: undefined }, max + 1);
  if (n > max) throw new AuditExportTooLarge(max);
  const out: AuditRow[] = [];
  let before: number | null = null;
  for (;;) {
    const page = await selectRows(db, p.role, before == null ? where : [...where, Prisma.sql`a.id < ${before}`], "desc", 5_000);
    out.push(...page);
    if (page.length < 5_000) return out;
    before = page[page.length - 1].id;
  }
}

export class AuditExportTooLarge extends Error {
  constructor(public readonly max: number) {
    super(`more than ${max} entries`);
  }
}

/** Entity names present in the log, for the filter's suggestions: a loose index scan over
 *  ("entity", "entityId"), so it costs one index probe per distinct name, not a table scan. */
export async function listAuditEntities(db: DbTx, p: Principal): Promise<string[]> {
  assertCan(p, "audit.read");
  const rows = await db.$queryRaw<{ v: string | null }[]>`
    WITH RECURSIVE e AS (
      SELECT min(entity) AS v FROM "AuditLog"
      UNION ALL
      SELECT (SELECT min(entity) FROM "AuditLog" WHERE entity > e.v) FROM e WHERE e.v IS NOT NULL
    ) SELECT v FROM e WHERE v IS NOT NULL LIMIT 200`;
  return rows.map((r) => r.v!);
}

// The audit log as the admin page reads it: scope, filters (user, unit, entity, action, dates in
// Vietnam's time), keyset pages, export limits, and that the database refuses to change an entry.
import type { AuditAction } from "@/lib/domain/audit-actions"; // test kinds outside the list, written directly
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "./db";
import { principalFor } from "../fixtures/factories";
import { plantAudit } from "../fixtures/trust";
import { AuthError, type Principal } from "@/lib/server/auth/authz";
import { writeAudit } from "@/lib/server/trust/audit";
import { AuditExportTooLarge, AuditFilterError, countAuditEntries, exportAuditLog, listAuditEntities, listAuditLog } from "@/lib/server/trust/audit-log";

let t: TestDb;
let national: Principal, hanoi: Principal, nghean: Principal, officer: Principal, staff: Principal;

/** Ids of entries matching a hand-written WHERE, newest first. */
async function idsWhere(where: string, ...params: unknown[]): Promise<number[]> {
  const rows = await t.prisma.$queryRawUnsafe<{ id: number }[]>(`SELECT a.id FROM "AuditLog" a WHERE ${where} ORDER BY a.id DESC`, ...params);
  return rows.map((r) => Number(r.id));
}

/** Every page of listAuditLog, following the "older" cursor. */
async function allPages(p: Principal, filter: Record<string, unknown>, pageSize = 50): Promise<number[][]> {
  const pages: number[][] = [];
  let before: number | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await listAuditLog(t.prisma, p, { ...filter, before }, pageSize);
    pages.push(page.rows.map((r) => r.id));
    if (!page.older) break;
    before = page.older;
  }
  return pages;
}

beforeAll(async () => {
  t = await freshDb();
  national = await principalFor(t.prisma, "ADMIN", "VN");
  hanoi = await principalFor(t.prisma, "ADMIN", "01");
  nghean = await principalFor(t.prisma, "ADMIN", "40");
  officer = await principalFor(t.prisma, "PROVINCE_OFFICER", "01");
  staff = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  // entries on every level of two provinces, and some without a unit
  const units = ["01", "001", "00004", "00008", "006", "40", "412", "22", null, "VN"];
  for (let i = 0; i < 60; i++) {
    const unitCode = units[i % units.length];
    const by = i % 3 === 0 ? hanoi : i % 3 === 1 ? nghean : national;
    await plantAudit(t.prisma, {
      userId: by.userId,
      userLogin: by.login,
      unitCode,
      action: i % 4 === 0 ? "enrollee.update" : i % 4 === 1 ? "enrollee.create" : i % 4 === 2 ? "target.update" : "auth_x.odd",
      entity: i % 4 < 2 ? "Enrollee" : i % 4 === 2 ? "Target" : "Other",
      entityId: String(1000 + i),
      before: { n: i },
      after: { n: i + 1 },
    });
  }
});
afterAll(async () => {
  await t?.close();
});

describe("scope", () => {
  it("a provincial admin sees exactly the entries of its province's units; the national admin sees all", async () => {
    const hanoiExpected = await idsWhere(`a."unitCode" IN (SELECT code FROM "Unit" WHERE "provinceCode" = '01')`);
    expect(hanoiExpected.length).toBe(30); // 01, 001, 00004, 00008, 006: 5 of every 10
    expect((await allPages(hanoi, {})).flat()).toEqual(hanoiExpected);
    expect((await allPages(nghean, {})).flat()).toEqual(await idsWhere(`a."unitCode" IN ('40', '412')`));
    expect((await allPages(national, {})).flat()).toEqual(await idsWhere("TRUE"));
  });

  it("refuses roles without audit.read", async () => {
    await expect(listAuditLog(t.prisma, officer, {})).rejects.toBeInstanceOf(AuthError);
    await expect(listAuditLog(t.prisma, staff, {})).rejects.toMatchObject({ status: 403 });
    await expect(exportAuditLog(t.prisma, officer, {})).rejects.toMatchObject({ status: 403 });
  });
});

describe("filters", () => {
  it("by unit: the unit's subtree, and a unit outside the scope is refused", async () => {
    const page = await listAuditLog(t.prisma, hanoi, { unit: "001" });
    expect(page.rows.map((r) => r.id)).toEqual(await idsWhere(`a."unitCode" IN ('001', '00004', '00008')`));
    expect(page.rows[0].unitName).toBeTruthy();
    expect((await listAuditLog(t.prisma, hanoi, { unit: "00004" })).rows.map((r) => r.id)).toEqual(await idsWhere(`a."unitCode" = '00004'`));
    await expect(listAuditLog(t.prisma, hanoi, { unit: "40" })).rejects.toBeInstanceOf(AuditFilterError);
    await expect(listAuditLog(t.prisma, hanoi, { unit: "99999" })).rejects.toBeInstanceOf(AuditFilterError);
  });

  it("by entity, entity id and action prefix (LIKE wildcards in the input are literal)", async () => {
    expect((await listAuditLog(t.prisma, national, { entity: "Target" })).rows.map((r) => r.id)).toEqual(await idsWhere(`a.entity = 'Target'`));
    expect((await listAuditLog(t.prisma, national, { entity: "Enrollee", entityId: "1004" })).rows.map((r) => r.entityId)).toEqual(["1004"]);
    expect((await listAuditLog(t.prisma, national, { action: "enrollee." })).rows.map((r) => r.id)).toEqual(await idsWhere(`a.action LIKE 'enrollee.%'`));
    // "auth_" must not match "authX…" through LIKE's "_" wildcard; it matches "auth_x.odd" literally
    await plantAudit(t.prisma, { action: "authX.sneaky", unitCode: "01" });
    const r = await listAuditLog(t.prisma, national, { action: "auth_" }, 100);
    expect(r.rows.length).toBe(15);
    expect(r.rows.every((x) => x.action === "auth_x.odd")).toBe(true);
  });

  it("by user: the user's own actions and sign-ins to that login, including failed ones", async () => {
    const u = await t.prisma.user.findUniqueOrThrow({ where: { login: hanoi.login } });
    // what lib/server/auth/session.ts writes for a failed and a successful sign-in
    await writeAudit(t.prisma, null, { action: "auth.login_failed", entity: "User", entityId: u.id, unitCode: u.unitCode, after: { login: u.login } });
    await writeAudit(t.prisma, { userId: u.id, login: u.login }, { action: "auth.login", entity: "User", entityId: u.id, unitCode: u.unitCode });
    // an admin editing that user is about the user but not by it: not included
    await writeAudit(t.prisma, national, { action: "user.update" as AuditAction, entity: "User", entityId: u.id, unitCode: u.unitCode, after: { name: "x" } });
    const page = await listAuditLog(t.prisma, hanoi, { login: hanoi.login.toUpperCase() }, 100);
    const expected = await idsWhere(
      `(a."userId" = $1 OR (a.action LIKE 'auth.%' AND a."entityId" = $2)) AND a."unitCode" IN (SELECT code FROM "Unit" WHERE "provinceCode" = '01')`,
      u.id,
      String(u.id),
    );
    expect(page.rows.map((r) => r.id)).toEqual(expected);
    expect(page.rows.slice(0, 2).map((r) => r.action)).toEqual(["auth.login", "auth.login_failed"]);
    expect(page.rows.some((r) => r.action === "user.update")).toBe(false);
  });

  it("failed sign-ins of an unknown login are found by that login, by the national admin only", async () => {
    await writeAudit(t.prisma, null, { action: "auth.login_failed", entity: "User", after: { login: "khong.ton.tai" } });
    expect((await listAuditLog(t.prisma, national, { login: "khong.ton.tai" })).rows.map((r) => r.action)).toEqual(["auth.login_failed"]);
    expect((await listAuditLog(t.prisma, hanoi, { login: "khong.ton.tai" })).rows).toEqual([]);
  });

  it("by date range, in Vietnam's time: a day runs from 17:00 UTC the day before", async () => {
    const late = await plantAudit(t.prisma, { at: new Date("2025-03-01T16:59:59.999Z"), unitCode: "01", action: "date.test" }); // 23:59 on 1 March in Hà Nội
    const early = await plantAudit(t.prisma, { at: new Date("2025-03-01T17:00:00.000Z"), unitCode: "01", action: "date.test" }); // 00:00 on 2 March
    const last = await plantAudit(t.prisma, { at: new Date("2025-03-02T16:59:59.000Z"), unitCode: "01", action: "date.test" }); // 23:59:59 on 2 March
    const next = await plantAudit(t.prisma, { at: new Date("2025-03-02T17:00:00.000Z"), unitCode: "01", action: "date.test" }); // 3 March
    const ids = async (f: object) => (await listAuditLog(t.prisma, hanoi, { action: "date.test", ...f })).rows.map((r) => r.id);
    expect(await ids({ from: "02/03/2025", to: "02/03/2025" })).toEqual([last.id, early.id]);
    expect(await ids({ to: "1/3/2025" })).toEqual([late.id]);
    expect(await ids({ from: "2025-03-03" })).toEqual([next.id]);
    await expect(listAuditLog(t.prisma, hanoi, { from: "31/02/2025" })).rejects.toThrow();
    await expect(listAuditLog(t.prisma, hanoi, { from: "03/03/2025", to: "01/03/2025" })).rejects.toThrow();
  });
});

describe("pages", () => {
  it("walks older and newer with keyset cursors, without gaps or repeats", async () => {
    const expected = await idsWhere("TRUE");
    const pages = await allPages(national, {}, 25);
    expect(pages.flat()).toEqual(expected);
    expect(pages.slice(0, -1).every((p) => p.length === 25)).toBe(true);
    // from the third page, "newer" gives back the second one
    const third = await listAuditLog(t.prisma, national, { before: pages[1][pages[1].length - 1] }, 25);
    expect(third.rows.map((r) => r.id)).toEqual(pages[2]);
    expect(third.newer).toBe(pages[2][0]);
    const second = await listAuditLog(t.prisma, national, { after: third.newer }, 25);
    expect(second.rows.map((r) => r.id)).toEqual(pages[1]);
    expect(second.older).toBe(pages[1][24]);
    expect(second.newer).toBe(pages[1][0]);
    const first = await listAuditLog(t.prisma, national, {}, 25);
    expect(first.newer).toBeNull();
    expect(first.total).toBe(expected.length);
  });
});

describe("export", () => {
  it("returns every matching entry, newest first, and refuses more than the limit", async () => {
    const rows = await exportAuditLog(t.prisma, hanoi, { entity: "Enrollee" });
    expect(rows.map((r) => r.id)).toEqual(await idsWhere(`a.entity = 'Enrollee' AND a."unitCode" IN (SELECT code FROM "Unit" WHERE "provinceCode" = '01')`));
    expect(rows[0].before).toEqual(expect.objectContaining({ n: expect.any(Number) }));
    await expect(exportAuditLog(t.prisma, national, {}, 5)).rejects.toBeInstanceOf(AuditExportTooLarge);
    expect(await countAuditEntries(t.prisma, national, {}, 10)).toBe(10);
  });

  it("lists the entity names present, sorted", async () => {
    const expected = (await t.prisma.$queryRaw<{ entity: string }[]>`SELECT DISTINCT entity FROM "AuditLog" ORDER BY entity`).map((r) => r.entity);
    expect(await listAuditEntities(t.prisma, national)).toEqual(expected);
  });
});

describe("append-only", () => {
  it("the database refuses to change or delete an entry, even through the app's own client", async () => {
    const e = await plantAudit(t.prisma, { unitCode: "01", action: "keep.me", after: { v: 1 } });
    await expect(t.prisma.auditLog.update({ where: { id: e.id }, data: { action: "changed" } })).rejects.toThrow(/append-only/);
    await expect(t.prisma.auditLog.delete({ where: { id: e.id } })).rejects.toThrow(/append-only/);
    await expect(t.prisma.$executeRawUnsafe(`DELETE FROM "AuditLog"`)).rejects.toThrow(/append-only/);
    await expect(t.prisma.$executeRawUnsafe(`UPDATE "AuditLog" SET "after" = NULL`)).rejects.toThrow(/append-only/);
    expect((await t.prisma.auditLog.findUniqueOrThrow({ where: { id: e.id } })).action).toBe("keep.me");
  });

  it("nor through the bulk and upsert paths, nor TRUNCATE (a statement trigger: row triggers do not see it)", async () => {
    const e = await plantAudit(t.prisma, { unitCode: "01", action: "keep.me.too", after: { v: 1 } });
    const total = await t.prisma.auditLog.count();
    await expect(t.prisma.auditLog.updateMany({ data: { action: "changed" } })).rejects.toThrow(/append-only/);
    await expect(t.prisma.auditLog.deleteMany({ where: { id: e.id } })).rejects.toThrow(/append-only/);
    await expect(t.prisma.auditLog.upsert({ where: { id: e.id }, update: { action: "changed" }, create: { action: "x", entity: "x" } })).rejects.toThrow(
      /append-only/,
    );
    await expect(t.prisma.$executeRawUnsafe(`TRUNCATE "AuditLog"`)).rejects.toThrow(/append-only/);
    expect(await t.prisma.auditLog.count()).toBe(total);
    expect((await t.prisma.auditLog.findUniqueOrThrow({ where: { id: e.id } })).action).toBe("keep.me.too");
  });

  it("the app has no code that would try: no update, delete, upsert or truncate of the log anywhere", () => {
    const walk = (d: string): string[] =>
      fs.readdirSync(d, { withFileTypes: true }).flatMap((x) => (x.isDirectory() ? walk(path.join(d, x.name)) : [path.join(d, x.name)]));
    const files = [...walk("app"), ...walk("lib"), ...walk("scripts")].filter((f) => /\.tsx?$/.test(f));
    const offenders = files.filter((f) =>
      /auditLog\s*\.\s*(update|updateMany|delete|deleteMany|upsert)\b|(UPDATE|DELETE\s+FROM|TRUNCATE)\s+"?AuditLog/i.test(fs.readFileSync(f, "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});

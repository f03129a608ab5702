// Issue 15 item 9: the target editor saves its whole table at once — every changed row in one transaction,
// each with its own version (ADR 0301). One stale row: nothing is saved, and its message is on its row;
// a refused row does not hide the others' refusals; a successful save writes every row and its audit entry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "./db";
import { principalFor } from "../fixtures/factories";
import { putTarget } from "../fixtures/targets";
import type { Principal } from "@/lib/server/auth/authz";
import { saveTargets } from "@/lib/server/targets/batch";
import { setTarget } from "@/lib/server/targets/targets";

let t: TestDb;
let admin: Principal, other: Principal, officer: Principal, ngheanAdmin: Principal;
const Y = 2031;

beforeAll(async () => {
  t = await freshDb();
  admin = await principalFor(t.prisma, "ADMIN", "01");
  other = await principalFor(t.prisma, "ADMIN", "01");
  officer = await principalFor(t.prisma, "PROVINCE_OFFICER", "01");
  ngheanAdmin = await principalFor(t.prisma, "ADMIN", "40");
  await putTarget(t.prisma, Y, { unitCode: "001" }, 400);
  await putTarget(t.prisma, Y, { unitCode: "006" }, 300);
  await putTarget(t.prisma, Y, { unitCode: "007" }, 200);
});
afterAll(async () => {
  await t?.close();
});

/** Every target of the year and the audit log's size: what "nothing was saved" compares. */
async function snapshot() {
  const targets = await t.prisma.target.findMany({ where: { year: Y }, orderBy: { id: "asc" }, select: { unitCode: true, participants: true, version: true } });
  return { targets, audit: await t.prisma.auditLog.count() };
}

describe("saving the editor's table at once", () => {
  it("one stale row: nothing is saved, and the message names that row's new value on its row", async () => {
    // someone else changed Đống Đa since the table was loaded (version 1 → 2)
    await setTarget(t.prisma, other, { year: Y, unitCode: "006", participants: 310, version: 1 });
    const before = await snapshot();
    const r = await saveTargets(t.prisma, admin, {
      year: Y,
      rows: [
        { key: "u:001", unitCode: "001", participants: "450", version: 1, seen: 400 },
        { key: "u:006", unitCode: "006", participants: "350", version: 1, seen: 300 },
        { key: "u:008", unitCode: "008", participants: "90", version: null, seen: null },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.rowErrors)).toEqual(["u:006"]);
    expect(r.rowErrors["u:006"]).toBe("Chỉ tiêu đã được người khác thay đổi (từ 300 thành 310) — vui lòng tải lại.");
    // all or nothing: Ba Đình (written before the stale row in the same transaction) and the new row are not saved
    expect(await snapshot()).toEqual(before);
  });

  it("every refused row is reported, each on its row; a bad number is refused before anything is opened", async () => {
    await putTarget(t.prisma, Y, { unitCode: "009" }, 50);
    const before = await snapshot();
    const bad = await saveTargets(t.prisma, admin, {
      year: Y,
      rows: [
        { key: "u:001", unitCode: "001", participants: "4,5", version: 1 },
        { key: "u:007", unitCode: "007", participants: "250", version: 1 },
      ],
    });
    expect(bad).toMatchObject({ ok: false, rowErrors: { "u:001": expect.any(String) } });
    expect(Object.keys((bad as { rowErrors: object }).rowErrors)).toEqual(["u:001"]);
    const two = await saveTargets(t.prisma, admin, {
      year: Y,
      rows: [
        { key: "u:006", unitCode: "006", participants: "350", version: 1, seen: 300 }, // stale
        { key: "u:007", unitCode: "007", participants: "250", version: 1, seen: 200 }, // fine
        { key: "u:009", unitCode: "009", participants: "60", version: null, seen: null }, // loaded before it was set
      ],
    });
    expect(two.ok).toBe(false);
    expect(Object.keys((two as { rowErrors: object }).rowErrors).sort()).toEqual(["u:006", "u:009"]);
    expect(await snapshot()).toEqual(before);
  });

  it("saves every row in one go, with a version bump and an audit entry each, and reports before → after", async () => {
    const auditBefore = await t.prisma.auditLog.count();
    const r = await saveTargets(t.prisma, admin, {
      year: Y,
      rows: [
        { key: "u:001", unitCode: "001", participants: "450", version: 1, seen: 400 },
        { key: "u:006", unitCode: "006", participants: "1.250", version: 2, seen: 310 },
        { key: "u:008", unitCode: "008", participants: "90", version: null, seen: null },
      ],
    });
    expect(r).toEqual({
      ok: true,
      rows: [
        { key: "u:001", status: "updated", before: 400, participants: 450, version: 2 },
        { key: "u:006", status: "updated", before: 310, participants: 1250, version: 3 },
        { key: "u:008", status: "created", before: null, participants: 90, version: 1 },
      ],
    });
    const rows = await t.prisma.$queryRaw<{ unitCode: string; participants: number; version: number }[]>`
      SELECT "unitCode", participants, version FROM "Target" WHERE year = ${Y} AND "unitCode" IN ('001', '006', '008') ORDER BY "unitCode"`;
    expect(rows).toEqual([
      { unitCode: "001", participants: 450, version: 2 },
      { unitCode: "006", participants: 1250, version: 3 },
      { unitCode: "008", participants: 90, version: 1 },
    ]);
    expect(await t.prisma.auditLog.count()).toBe(auditBefore + 3);
  });

  it("permission and scope concern the whole request", async () => {
    const before = await snapshot();
    await expect(saveTargets(t.prisma, officer, { year: Y, rows: [{ key: "u:001", unitCode: "001", participants: "1", version: 2 }] })).rejects.toMatchObject({
      status: 403,
    });
    await expect(
      saveTargets(t.prisma, ngheanAdmin, { year: Y, rows: [{ key: "u:001", unitCode: "001", participants: "1", version: 2 }] }),
    ).rejects.toMatchObject({ status: 404 });
    expect(await snapshot()).toEqual(before);
  });
});

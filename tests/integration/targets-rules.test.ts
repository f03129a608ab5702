// Targets: who may set what, conflicts, locks, audit, the shortfall list and allocation — on a real
// migrated database; expected values come from hand-written SQL, not from the code under test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "./db";
import { addContribution, createAgent, createEnrollee, principalFor } from "../fixtures/factories";
import { communesOf, createSharedAgent, putTarget, targetAudit } from "../fixtures/targets";
import { AuthError, type Principal } from "@/lib/server/auth/authz";
import {
  TargetError,
  getTargetEditor,
  listShortfalls,
  lockTargets,
  previewAllocation,
  reopenTargets,
  saveAllocation,
  setTarget,
} from "@/lib/server/targets/targets";

const TODAY = { today: "2026-06-30" };
let t: TestDb;
let national: Principal, hanoiAdmin: Principal, ngheanAdmin: Principal, hanoiOfficer: Principal, badinhStaff: Principal;

beforeAll(async () => {
  t = await freshDb();
  national = await principalFor(t.prisma, "ADMIN", "VN");
  hanoiAdmin = await principalFor(t.prisma, "ADMIN", "01");
  ngheanAdmin = await principalFor(t.prisma, "ADMIN", "40");
  hanoiOfficer = await principalFor(t.prisma, "PROVINCE_OFFICER", "01");
  badinhStaff = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
});
afterAll(async () => {
  await t?.close();
});

const value = async (year: number, unitCode: string) =>
  (await t.prisma.target.findUnique({ where: { year_unitCode: { year, unitCode } } }))?.participants ?? null;

describe("who may set which target", () => {
  const Y = 2030;
  it("a province admin cannot set its own province's target nor another province's", async () => {
    await putTarget(t.prisma, Y, { unitCode: "01" }, 500);
    await expect(setTarget(t.prisma, hanoiAdmin, { year: Y, unitCode: "01", participants: 900, version: 1 })).rejects.toMatchObject({ code: "forbidden" });
    await expect(setTarget(t.prisma, hanoiAdmin, { year: Y, unitCode: "40", participants: 900 })).rejects.toMatchObject({ status: 404 });
    await expect(setTarget(t.prisma, hanoiAdmin, { year: Y, unitCode: "412", participants: 900 })).rejects.toBeInstanceOf(AuthError);
    await expect(setTarget(t.prisma, ngheanAdmin, { year: Y, unitCode: "001", participants: 900 })).rejects.toMatchObject({ status: 404 });
    expect(await value(Y, "01")).toBe(500);
    expect(await value(Y, "40")).toBeNull();
    expect(await value(Y, "412")).toBeNull();
    expect(await value(Y, "001")).toBeNull();
  });

  it("a province admin sets its areas, communes and agents; a national admin sets provinces", async () => {
    const badinh = await communesOf(t.prisma, "001");
    const agent = await createAgent(t.prisma, badinh[0]);
    expect((await setTarget(t.prisma, hanoiAdmin, { year: Y, unitCode: "001", participants: 120 })).status).toBe("created");
    expect((await setTarget(t.prisma, hanoiAdmin, { year: Y, unitCode: badinh[0], participants: 40 })).status).toBe("created");
    expect((await setTarget(t.prisma, hanoiAdmin, { year: Y, agentId: agent.id, participants: 15 })).status).toBe("created");
    expect((await setTarget(t.prisma, national, { year: Y, unitCode: "40", participants: 800 })).status).toBe("created");
    expect((await setTarget(t.prisma, national, { year: Y, unitCode: "01", participants: 650, version: 1 })).status).toBe("updated");
    const rows = await t.prisma.$queryRaw<{ key: string; participants: number; provinceCode: string | null }[]>`
      SELECT COALESCE("unitCode", 'agent') AS key, participants, "provinceCode" FROM "Target" WHERE year = ${Y}`;
    rows.sort((a, b) => (a.key < b.key ? -1 : 1));
    expect(rows).toEqual([
      { key: badinh[0], participants: 40, provinceCode: "01" },
      { key: "001", participants: 120, provinceCode: "01" },
      { key: "01", participants: 650, provinceCode: "01" },
      { key: "40", participants: 800, provinceCode: "40" },
      { key: "agent", participants: 15, provinceCode: "01" },
    ]);
    // an agent of another province is "not found" for the Hà Nội admin
    const vinhCommune = (await communesOf(t.prisma, "412"))[0];
    const other = await createAgent(t.prisma, vinhCommune);
    await expect(setTarget(t.prisma, hanoiAdmin, { year: Y, agentId: other.id, participants: 5 })).rejects.toMatchObject({ status: 404 });
  });

  it("officers and district staff only read", async () => {
    await expect(setTarget(t.prisma, hanoiOfficer, { year: Y, unitCode: "001", participants: 1, version: 1 })).rejects.toMatchObject({ status: 403 });
    await expect(setTarget(t.prisma, badinhStaff, { year: Y, unitCode: "00004", participants: 1 })).rejects.toMatchObject({ status: 403 });
    await expect(previewAllocation(t.prisma, hanoiOfficer, { year: Y, unitCode: "01", method: "EQUAL" })).rejects.toMatchObject({ status: 403 });
    await expect(lockTargets(t.prisma, hanoiOfficer, { year: Y, unitCode: "01" })).rejects.toMatchObject({ code: "forbidden" });
    const ed = await getTargetEditor(t.prisma, badinhStaff, { year: Y }, TODAY);
    expect(ed.unit.code).toBe("001");
    expect(ed.self.target).toBe(120);
    expect(ed.can).toEqual({ editSelf: false, editChildren: false, allocate: false, lock: false, reopen: false });
    await expect(getTargetEditor(t.prisma, badinhStaff, { year: Y, unit: "006" }, TODAY)).rejects.toMatchObject({ status: 404 });
    await expect(getTargetEditor(t.prisma, hanoiOfficer, { year: Y, unit: "40" }, TODAY)).rejects.toMatchObject({ status: 404 });
  });

  it("the editor shows each child's target, its children's sum and the difference", async () => {
    const ed = await getTargetEditor(t.prisma, hanoiAdmin, { year: Y }, TODAY);
    expect(ed.self).toMatchObject({ code: "01", target: 650, childrenSum: 120, shortfall: 530, canEdit: false });
    const badinhRow = ed.children.find((c) => c.code === "001")!;
    expect(badinhRow).toMatchObject({ target: 120, version: 1, childrenSum: 40, childrenWithTarget: 1, shortfall: 80, canEdit: true });
    expect(ed.children).toHaveLength(30);
    expect(ed.can).toMatchObject({ editSelf: false, editChildren: true, allocate: true, lock: true, reopen: false });
  });
});

describe("concurrent edits", () => {
  const Y = 2031;
  it("two updates with the same version: exactly one succeeds, the other is a conflict saying from what to what", async () => {
    const row = await putTarget(t.prisma, Y, { unitCode: "001" }, 100);
    const results = await Promise.allSettled([
      setTarget(t.prisma, hanoiAdmin, { year: Y, unitCode: "001", participants: 120, version: 1, seen: 100 }),
      setTarget(t.prisma, hanoiAdmin, { year: Y, unitCode: "001", participants: 90, version: 1, seen: 100 }),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0].reason).toBeInstanceOf(TargetError);
    expect(failed[0].reason.code).toBe("conflict");
    const stored = await t.prisma.target.findUniqueOrThrow({ where: { id: row.id } });
    const winner = (ok[0] as PromiseFulfilledResult<{ target: { participants: number } }>).value.target.participants;
    expect(stored.participants).toBe(winner);
    expect(stored.version).toBe(2);
    expect(failed[0].reason.message).toBe(`Chỉ tiêu đã được người khác thay đổi (từ 100 thành ${winner}) — vui lòng tải lại.`);
    expect(failed[0].reason.current).toEqual({ participants: winner, version: 2 });
    // one audit entry: the winner's
    expect((await targetAudit(t.prisma, row.id)).length).toBe(1);
  });

  it("a stale version after a committed change is refused, and nothing is overwritten", async () => {
    await setTarget(t.prisma, hanoiAdmin, { year: Y, unitCode: "006", participants: 50 });
    await setTarget(t.prisma, hanoiAdmin, { year: Y, unitCode: "006", participants: 60, version: 1, seen: 50 });
    await expect(setTarget(t.prisma, hanoiAdmin, { year: Y, unitCode: "006", participants: 70, version: 1, seen: 50 }, { locale: "en" })).rejects.toThrow(
      "Someone else changed this target (from 50 to 60) — please reload.",
    );
    expect(await value(Y, "006")).toBe(60);
    // an API call that does not say what it saw is told the current value only
    await expect(setTarget(t.prisma, hanoiAdmin, { year: Y, unitCode: "006", participants: 70, version: 1 })).rejects.toThrow(
      "Chỉ tiêu đã được người khác thay đổi (hiện là 60) — vui lòng tải lại.",
    );
    // a form loaded when there was no target yet
    await expect(setTarget(t.prisma, hanoiAdmin, { year: Y, unitCode: "006", participants: 70 })).rejects.toThrow(
      "Chỉ tiêu đã được người khác thay đổi (từ Chưa giao thành 60) — vui lòng tải lại.",
    );
    expect(await value(Y, "006")).toBe(60);
  });

  it("two creations of the same new target: one creates, the other gets a conflict", async () => {
    const results = await Promise.allSettled([
      setTarget(t.prisma, hanoiAdmin, { year: Y, unitCode: "007", participants: 10 }),
      setTarget(t.prisma, hanoiAdmin, { year: Y, unitCode: "007", participants: 11 }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!;
    expect(failed.reason.code).toBe("conflict");
    expect(await t.prisma.target.count({ where: { year: Y, unitCode: "007" } })).toBe(1);
  });
});

describe("audit", () => {
  const Y = 2032;
  it("every target change writes an entry with who, what, year, before and after", async () => {
    const created = await setTarget(t.prisma, hanoiAdmin, { year: Y, unitCode: "001", participants: 300 });
    await setTarget(t.prisma, hanoiAdmin, { year: Y, unitCode: "001", participants: 280, version: 1 });
    const unchanged = await setTarget(t.prisma, hanoiAdmin, { year: Y, unitCode: "001", participants: 280, version: 2 });
    expect(unchanged.status).toBe("unchanged");
    const entries = await targetAudit(t.prisma, created.target.id);
    expect(entries.map((e) => [e.action, e.userId, e.userLogin, e.unitCode])).toEqual([
      ["target.create", hanoiAdmin.userId, hanoiAdmin.login, "001"],
      ["target.update", hanoiAdmin.userId, hanoiAdmin.login, "001"],
    ]);
    expect(entries[0].before).toBeNull();
    expect(entries[0].after).toEqual({ year: Y, unitCode: "001", participants: 300, version: 1 });
    expect(entries[1].before).toEqual({ year: Y, unitCode: "001", participants: 300, version: 1 });
    expect(entries[1].after).toEqual({ year: Y, unitCode: "001", participants: 280, version: 2 });
    // an agent's target names the agent
    const agent = await createAgent(t.prisma, (await communesOf(t.prisma, "001"))[1]);
    const a = await setTarget(t.prisma, hanoiAdmin, { year: Y, agentId: agent.id, participants: 7 });
    const [ae] = await targetAudit(t.prisma, a.target.id);
    expect(ae.after).toEqual({ year: Y, agentId: agent.id, agentCode: agent.code, participants: 7, version: 1 });
    expect(ae.unitCode).toBe(agent.areaCode);
  });
});

describe("locking", () => {
  const Y = 2033;
  let badinh: string[];
  beforeAll(async () => {
    badinh = await communesOf(t.prisma, "001");
    await putTarget(t.prisma, Y, { unitCode: "01" }, 1000);
    await putTarget(t.prisma, Y, { unitCode: "001" }, 200);
    await putTarget(t.prisma, Y, { unitCode: badinh[0] }, 70);
    await putTarget(t.prisma, Y, { unitCode: "40" }, 900);
  });

  it("a province admin locks its province: the unit and everything below, in one go, audited", async () => {
    const agent = await createAgent(t.prisma, badinh[1]);
    await putTarget(t.prisma, Y, { agentId: agent.id }, 9);
    const r = await lockTargets(t.prisma, hanoiAdmin, { year: Y, unitCode: "01" });
    const [{ n }] = await t.prisma.$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM "Target" WHERE year = ${Y} AND "provinceCode" = '01' AND locked AND "lockedById" = ${hanoiAdmin.userId}`;
    expect(r.count).toBe(4);
    expect(Number(n)).toBe(4);
    expect((await t.prisma.target.findUniqueOrThrow({ where: { year_unitCode: { year: Y, unitCode: "40" } } })).locked).toBe(false);
    const entry = await t.prisma.auditLog.findFirstOrThrow({ where: { action: "target.lock", unitCode: "01" } });
    expect(entry.after).toMatchObject({ year: Y, unitCode: "01", locked: true, targetsLocked: 4 });
  });

  it("locked targets refuse edits, new targets below and allocations, with a clear message", async () => {
    await expect(setTarget(t.prisma, hanoiAdmin, { year: Y, unitCode: "001", participants: 250, version: 1 })).rejects.toMatchObject({ code: "locked" });
    await expect(setTarget(t.prisma, hanoiAdmin, { year: Y, unitCode: "001", participants: 250, version: 1 })).rejects.toThrow(
      /^Chỉ tiêu năm 2033 của Thành phố Hà Nội đã được chốt ngày \d\d\/\d\d\/\d{4} — không thể sửa/,
    );
    await expect(setTarget(t.prisma, hanoiAdmin, { year: Y, unitCode: badinh[2], participants: 5 })).rejects.toMatchObject({ code: "locked" });
    await expect(setTarget(t.prisma, national, { year: Y, unitCode: "01", participants: 5, version: 1 })).rejects.toMatchObject({ code: "locked" });
    await expect(previewAllocation(t.prisma, hanoiAdmin, { year: Y, unitCode: "001", method: "EQUAL" })).rejects.toMatchObject({ code: "locked" });
    expect(await value(Y, "001")).toBe(200);
    expect(await value(Y, badinh[2])).toBeNull();
    const ed = await getTargetEditor(t.prisma, hanoiAdmin, { year: Y, unit: "001" }, TODAY);
    expect(ed.can).toMatchObject({ editChildren: false, allocate: false, lock: false, reopen: false });
    expect(ed.lock.ancestorLock?.name).toBe("Thành phố Hà Nội");
  });

  it("reopening needs an admin of a higher unit", async () => {
    await expect(reopenTargets(t.prisma, hanoiAdmin, { year: Y, unitCode: "01" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(reopenTargets(t.prisma, hanoiAdmin, { year: Y, unitCode: "001" })).rejects.toMatchObject({ code: "ancestor_locked" });
    await expect(reopenTargets(t.prisma, ngheanAdmin, { year: Y, unitCode: "01" })).rejects.toMatchObject({ status: 404 });
    expect((await getTargetEditor(t.prisma, national, { year: Y, unit: "01" }, TODAY)).can.reopen).toBe(true);
    const r = await reopenTargets(t.prisma, national, { year: Y, unitCode: "01" });
    expect(r.count).toBe(4);
    const [{ n }] = await t.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Target" WHERE year = ${Y} AND locked`;
    expect(Number(n)).toBe(0);
    expect((await setTarget(t.prisma, hanoiAdmin, { year: Y, unitCode: "001", participants: 250, version: 1 })).status).toBe("updated");
    expect(await t.prisma.auditLog.count({ where: { action: "target.reopen", unitCode: "01", userId: national.userId } })).toBe(1);
  });

  it("a province admin may reopen an area it locked (it is above the area)", async () => {
    await lockTargets(t.prisma, hanoiAdmin, { year: Y, unitCode: "001" });
    await expect(setTarget(t.prisma, hanoiAdmin, { year: Y, unitCode: badinh[0], participants: 71, version: 1 })).rejects.toMatchObject({ code: "locked" });
    // a target outside the area is still open
    expect((await setTarget(t.prisma, hanoiAdmin, { year: Y, unitCode: "006", participants: 10 })).status).toBe("created");
    await expect(lockTargets(t.prisma, hanoiAdmin, { year: Y, unitCode: "001" })).rejects.toMatchObject({ code: "already_locked" });
    await reopenTargets(t.prisma, hanoiAdmin, { year: Y, unitCode: "001" });
    expect((await setTarget(t.prisma, hanoiAdmin, { year: Y, unitCode: badinh[0], participants: 71, version: 1 })).status).toBe("updated");
    await expect(lockTargets(t.prisma, hanoiAdmin, { year: Y, unitCode: "007" })).rejects.toMatchObject({ code: "no_target" });
  });
});

describe("before locking: the children without a target (issue 15 item 9)", () => {
  const Y = 2035;
  /** the children of a unit without a target in Y, by hand in SQL: units by code, a commune's agents by code */
  const sqlUnits = async (parent: string) =>
    (
      await t.prisma.$queryRaw<{ code: string; name: string }[]>`
        SELECT u.code, u."fullName" AS name FROM "Unit" u
        WHERE u."parentCode" = ${parent} AND NOT EXISTS (SELECT 1 FROM "Target" x WHERE x.year = ${Y} AND x."unitCode" = u.code)
        ORDER BY u.code`
    ).map((r) => ({ key: `u:${r.code}`, ...r }));
  const sqlAgents = async (commune: string) =>
    (
      await t.prisma.$queryRaw<{ id: number; code: string; name: string }[]>`
        SELECT a.id, a.code, a.name FROM "CollectionAgent" a JOIN "AgentCommune" ac ON ac."agentId" = a.id AND ac."communeCode" = ${commune}
        WHERE NOT EXISTS (SELECT 1 FROM "Target" x WHERE x.year = ${Y} AND x."agentId" = a.id)
        ORDER BY a.code`
    ).map((r) => ({ key: `a:${r.id}`, code: r.code, name: r.name }));
  let badinh: string[];
  beforeAll(async () => {
    badinh = await communesOf(t.prisma, "001");
    await putTarget(t.prisma, Y, { unitCode: "01" }, 1000);
    await putTarget(t.prisma, Y, { unitCode: "001" }, 200);
    await putTarget(t.prisma, Y, { unitCode: "006" }, 150);
    await putTarget(t.prisma, Y, { unitCode: badinh[0] }, 70);
    await putTarget(t.prisma, Y, { unitCode: badinh[2] }, 40);
  });

  it("lists exactly the children without a target — areas of a province, communes of an area — by name, in order", async () => {
    const province = await getTargetEditor(t.prisma, hanoiAdmin, { year: Y, unit: "01" }, TODAY);
    expect(province.can.lock).toBe(true);
    expect(province.withoutTarget).toEqual(await sqlUnits("01"));
    expect(province.withoutTarget.map((c) => c.code)).not.toContain("001");
    expect(province.withoutTarget.map((c) => c.code)).toContain("007");
    expect(province.withoutTarget).toHaveLength(province.children.length - 2);

    const area = await getTargetEditor(t.prisma, hanoiAdmin, { year: Y, unit: "001" }, TODAY);
    expect(area.can.lock).toBe(true);
    expect(area.withoutTarget).toEqual(await sqlUnits("001"));
    expect(area.withoutTarget.map((c) => c.code)).toEqual(badinh.filter((c) => c !== badinh[0] && c !== badinh[2]));
    expect(area.withoutTarget[0].name).toBe((await t.prisma.unit.findUniqueOrThrow({ where: { code: badinh[1] } })).fullName);
  });

  it("a commune's agents without a target are listed; a target set takes a child off the list; none left, no warning", async () => {
    const given = await createAgent(t.prisma, badinh[0]);
    const forgotten = await createAgent(t.prisma, badinh[0]);
    const shared = await createSharedAgent(t.prisma, [badinh[0], badinh[1]]);
    await putTarget(t.prisma, Y, { agentId: given.id }, 30);
    const commune = await getTargetEditor(t.prisma, hanoiAdmin, { year: Y, unit: badinh[0] }, TODAY);
    expect(commune.can.lock).toBe(true);
    expect(commune.withoutTarget).toEqual(await sqlAgents(badinh[0]));
    const names = commune.withoutTarget.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining([forgotten.name, shared.name])); // (agents of earlier tests serve it too)
    expect(names).not.toContain(given.name);

    for (const c of commune.withoutTarget) await putTarget(t.prisma, Y, { agentId: Number(c.key.slice(2)) }, 20);
    expect((await getTargetEditor(t.prisma, hanoiAdmin, { year: Y, unit: badinh[0] }, TODAY)).withoutTarget).toEqual([]);

    for (const code of badinh) if (code !== badinh[0] && code !== badinh[2]) await putTarget(t.prisma, Y, { unitCode: code }, 10);
    expect((await getTargetEditor(t.prisma, hanoiAdmin, { year: Y, unit: "001" }, TODAY)).withoutTarget).toEqual([]);
  });
});

describe("shortfalls", () => {
  const Y = 2034;
  it("the list equals an independent SQL query, agents included, and stays in the scope", async () => {
    const badinh = await communesOf(t.prisma, "001");
    const dongda = await communesOf(t.prisma, "006");
    await putTarget(t.prisma, Y, { unitCode: "VN" }, 5000);
    await putTarget(t.prisma, Y, { unitCode: "01" }, 1000);
    await putTarget(t.prisma, Y, { unitCode: "40" }, 700);
    await putTarget(t.prisma, Y, { unitCode: "001" }, 300); // communes below: 100 + 150 + 60 = 310 ≥ 300
    await putTarget(t.prisma, Y, { unitCode: "006" }, 400); // communes below: 120 → short 280
    await putTarget(t.prisma, Y, { unitCode: "412" }, 250); // Nghệ An: no communes yet → short 250
    await putTarget(t.prisma, Y, { unitCode: badinh[0] }, 100);
    await putTarget(t.prisma, Y, { unitCode: badinh[1] }, 150);
    await putTarget(t.prisma, Y, { unitCode: badinh[2] }, 60);
    await putTarget(t.prisma, Y, { unitCode: dongda[0] }, 120);
    // agents: badinh[0] has 60 + a shared post office (50, also serving badinh[1]) = 110 ≥ 100;
    // badinh[1]: 80 + 50 = 130 < 150; badinh[2]: none → short 60; dongda[0]: 120 exactly
    const a0 = await createAgent(t.prisma, badinh[0]);
    const a1 = await createAgent(t.prisma, badinh[1]);
    const post = await createSharedAgent(t.prisma, [badinh[0], badinh[1]]);
    const d0 = await createAgent(t.prisma, dongda[0]);
    await putTarget(t.prisma, Y, { agentId: a0.id }, 60);
    await putTarget(t.prisma, Y, { agentId: a1.id }, 80);
    await putTarget(t.prisma, Y, { agentId: post.id }, 50);
    await putTarget(t.prisma, Y, { agentId: d0.id }, 120);

    const independent = async (provinceCode: string | null) => {
      const rows = await t.prisma.$queryRaw<{ code: string; target: number; s: bigint }[]>`
        SELECT t."unitCode" AS code, t.participants AS target,
          (SELECT COALESCE(sum(c.participants), 0) FROM "Target" c JOIN "Unit" cu ON cu.code = c."unitCode" WHERE c.year = ${Y} AND cu."parentCode" = t."unitCode")
          + (SELECT COALESCE(sum(c.participants), 0) FROM "Target" c JOIN "AgentCommune" x ON x."agentId" = c."agentId" WHERE c.year = ${Y} AND x."communeCode" = t."unitCode") AS s
        FROM "Target" t JOIN "Unit" u ON u.code = t."unitCode"
        WHERE t.year = ${Y} AND (${provinceCode}::text IS NULL OR u."provinceCode" = ${provinceCode})`;
      return rows
        .filter((r) => Number(r.s) < r.target)
        .map((r) => ({ code: r.code, shortfall: r.target - Number(r.s) }))
        .sort((a, b) => a.code.localeCompare(b.code));
    };
    const actual = async (p: Principal) =>
      (await listShortfalls(t.prisma, p, { year: Y, pageSize: 1000 })).rows
        .map((r) => ({ code: r.code, shortfall: r.shortfall }))
        .sort((a, b) => a.code.localeCompare(b.code));

    const hanoi = await actual(hanoiAdmin);
    expect(hanoi).toEqual(await independent("01"));
    expect(hanoi).toEqual(
      [
        { code: "006", shortfall: 280 },
        { code: "01", shortfall: 300 },
        { code: badinh[1], shortfall: 20 },
        { code: badinh[2], shortfall: 60 },
      ].sort((a, b) => a.code.localeCompare(b.code)),
    );
    expect(await actual(national)).toEqual(await independent(null));
    expect((await actual(national)).map((r) => r.code)).toContain("VN");
    expect(await actual(ngheanAdmin)).toEqual([
      { code: "40", shortfall: 450 },
      { code: "412", shortfall: 250 },
    ]);
    const page = await listShortfalls(t.prisma, hanoiOfficer, { year: Y, pageSize: 2, page: 2 });
    expect(page.total).toBe(4);
    expect(page.rows).toHaveLength(2);
    // the area editor's warning agrees with the list
    const ed = await getTargetEditor(t.prisma, hanoiAdmin, { year: Y, unit: "006" }, TODAY);
    expect(ed.self.shortfall).toBe(280);
    const commune = await getTargetEditor(t.prisma, hanoiAdmin, { year: Y, unit: badinh[1] }, TODAY);
    expect(commune.children.filter((c) => c.target !== null).map((c) => [c.code, c.target, c.agent?.communes])).toEqual(
      [
        [a1.code, 80, 1],
        [post.code, 50, 2],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    expect(commune.self.shortfall).toBe(20);
  });
});

describe("allocation", () => {
  it("saves exactly the previewed figures in one audited transaction, and refuses a stale preview", async () => {
    const Y2 = 2029;
    await putTarget(t.prisma, Y2, { unitCode: "01" }, 12_345);
    await putTarget(t.prisma, Y2, { unitCode: "001" }, 999); // an existing child target: updated with a version bump
    const preview = await previewAllocation(t.prisma, hanoiAdmin, { year: Y2, unitCode: "01", method: "LABOUR_FORCE" }, TODAY);
    const lf = await t.prisma.$queryRaw<{ area: string; persons: bigint }[]>`
      SELECT u."areaCode" AS area, sum(lf.persons) AS persons FROM "LabourForce" lf JOIN "Unit" u ON u.code = lf."unitCode"
      WHERE lf.year = ${Y2} AND u.level = 'COMMUNE' AND u."provinceCode" = '01' GROUP BY 1`;
    const W = lf.reduce((s, r) => s + Number(r.persons), 0);
    for (const r of lf) {
      const exact = (12_345 * Number(r.persons)) / W;
      const got = preview.rows.find((x) => x.code === r.area)!.next;
      expect(got === Math.floor(exact) || got === Math.floor(exact) + 1).toBe(true);
    }
    const send = {
      year: Y2,
      unitCode: "01",
      method: "LABOUR_FORCE",
      parentVersion: preview.parentVersion,
      children: preview.rows.map((r) => ({ key: r.key, version: r.version, participants: r.next })),
    };

    // someone changes a child in between: the save is refused and nothing is written
    await setTarget(t.prisma, hanoiAdmin, { year: Y2, unitCode: "001", participants: 1000, version: 1 });
    await expect(saveAllocation(t.prisma, hanoiAdmin, send, TODAY)).rejects.toMatchObject({ code: "stale" });
    expect(await t.prisma.target.count({ where: { year: Y2, unit: { level: "AREA" } } })).toBe(1);

    const fresh = await previewAllocation(t.prisma, hanoiAdmin, { year: Y2, unitCode: "01", method: "LABOUR_FORCE" }, TODAY);
    const saved = await saveAllocation(
      t.prisma,
      hanoiAdmin,
      { ...send, children: fresh.rows.map((r) => ({ key: r.key, version: r.version, participants: r.next })) },
      TODAY,
    );
    expect(saved.total).toBe(12_345);
    const [{ s, n }] = await t.prisma.$queryRaw<{ s: bigint; n: bigint }[]>`
      SELECT sum(t.participants) AS s, count(*) AS n FROM "Target" t JOIN "Unit" u ON u.code = t."unitCode" WHERE t.year = ${Y2} AND u."parentCode" = '01'`;
    expect(Number(s)).toBe(12_345);
    expect(Number(n)).toBe(30);
    const badinh = await t.prisma.target.findUniqueOrThrow({ where: { year_unitCode: { year: Y2, unitCode: "001" } } });
    expect(badinh.version).toBe(3);
    expect(
      await t.prisma.auditLog.count({
        where: {
          action: "target.allocate",
          entityId: { in: (await t.prisma.target.findMany({ where: { year: Y2, unit: { parentCode: "01" } } })).map((x) => String(x.id)) },
        },
      }),
    ).toBe(saved.changed);
    expect(saved.changed).toBe(30);
    const entry = await t.prisma.auditLog.findFirstOrThrow({ where: { action: "target.allocate", entityId: String(badinh.id) } });
    expect(entry.before).toMatchObject({ participants: 1000, version: 2 });
    expect(entry.after).toMatchObject({ participants: badinh.participants, method: "LABOUR_FORCE", parent: "01", parentTarget: 12_345 });
    // saving the same preview twice: the versions moved on, so it is stale
    await expect(
      saveAllocation(t.prisma, hanoiAdmin, { ...send, children: fresh.rows.map((r) => ({ key: r.key, version: r.version, participants: r.next })) }, TODAY),
    ).rejects.toMatchObject({ code: "stale" });
  });

  it("honours 'at least the participants it already has'", async () => {
    const Y3 = 2028;
    const badinh = await communesOf(t.prisma, "001");
    // 5 participants on 30/06/2026 in the first commune of Ba Đình
    for (let i = 0; i < 5; i++) {
      const e = await createEnrollee(t.prisma, badinh[0]);
      await addContribution(t.prisma, e.id, "2026-01-01", "2026-12-31");
    }
    await putTarget(t.prisma, Y3, { unitCode: "001" }, 9);
    const plain = await previewAllocation(t.prisma, hanoiAdmin, { year: Y3, unitCode: "001", method: "EQUAL" }, TODAY);
    expect(plain.rows.map((r) => r.next)).toEqual([3, 3, 3]);
    const floored = await previewAllocation(t.prisma, hanoiAdmin, { year: Y3, unitCode: "001", method: "EQUAL", floorCurrent: true }, TODAY);
    expect(floored.rows.map((r) => [r.participants, r.floor, r.next])).toEqual([
      [5, 5, 5],
      [0, 0, 2],
      [0, 0, 2],
    ]);
  });

  it("splits a commune among the agents serving only it; shared agents are set by hand; labour force does not apply", async () => {
    const Y4 = 2027;
    const dongda = await communesOf(t.prisma, "006");
    const c = dongda[3];
    const a = await createAgent(t.prisma, c);
    const b = await createAgent(t.prisma, c);
    await createAgent(t.prisma, c, { status: "ENDED" });
    await createSharedAgent(t.prisma, [c, dongda[4]]);
    await putTarget(t.prisma, Y4, { unitCode: c }, 7);
    await expect(previewAllocation(t.prisma, hanoiAdmin, { year: Y4, unitCode: c, method: "LABOUR_FORCE" }, TODAY)).rejects.toMatchObject({
      code: "allocation",
    });
    const p = await previewAllocation(t.prisma, hanoiAdmin, { year: Y4, unitCode: c, method: "EQUAL" }, TODAY);
    expect(p.rows.map((r) => [r.key, r.next])).toEqual([
      [`a:${a.id}`, 4],
      [`a:${b.id}`, 3],
    ]);
    await saveAllocation(
      t.prisma,
      hanoiAdmin,
      {
        year: Y4,
        unitCode: c,
        method: "EQUAL",
        parentVersion: p.parentVersion,
        children: p.rows.map((r) => ({ key: r.key, version: r.version, participants: r.next })),
      },
      TODAY,
    );
    const rows = await t.prisma.target.findMany({ where: { year: Y4, agentId: { in: [a.id, b.id] } }, orderBy: { agentId: "asc" } });
    expect(rows.map((r) => [r.participants, r.provinceCode])).toEqual([
      [4, "01"],
      [3, "01"],
    ]);
  });

  it("needs the parent's own target first", async () => {
    await expect(previewAllocation(t.prisma, hanoiAdmin, { year: 2026, unitCode: "003", method: "EQUAL" }, TODAY)).rejects.toMatchObject({ code: "no_target" });
    // a province admin may allocate its own province's target (to its areas) once the national admin has set it
    await expect(previewAllocation(t.prisma, hanoiAdmin, { year: 2026, unitCode: "01", method: "EQUAL" }, TODAY)).rejects.toThrow(
      "Thành phố Hà Nội chưa có chỉ tiêu năm 2026 — hãy giao chỉ tiêu trước khi phân bổ.",
    );
  });
});

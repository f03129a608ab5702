// User accounts: nobody grants a wider scope than their own; passwords hashed, never logged; all audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { freshDb, type TestDb } from "./db";
import { principalFor } from "../fixtures/factories";
import type { Principal } from "@/lib/server/auth/authz";
import { verifyPassword } from "@/lib/server/auth/passwords";
import { assignableRoles, assignableUnits, createUser, getUser, listUsers, resetPassword, setUserActive } from "@/lib/server/auth/users";

let t: TestDb;
let national: Principal, hanoiAdmin: Principal, ngheanAdmin: Principal, hanoiOfficer: Principal;

beforeAll(async () => {
  t = await freshDb();
  national = await principalFor(t.prisma, "ADMIN", "VN");
  hanoiAdmin = await principalFor(t.prisma, "ADMIN", "01");
  ngheanAdmin = await principalFor(t.prisma, "ADMIN", "40");
  hanoiOfficer = await principalFor(t.prisma, "PROVINCE_OFFICER", "01");
});
afterAll(async () => {
  await t?.close();
});

/** The field errors of a rejected call, as { path: message }. */
async function fieldErrors(p: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await p;
  } catch (e) {
    if (e instanceof z.ZodError) return Object.fromEntries(e.issues.map((i) => [i.path.join("."), i.message]));
    throw e;
  }
  throw new Error("expected a validation error");
}

const base = { name: "Nguyễn Thị Mới", passwordMode: "generate" };

describe("creating users", () => {
  it("a province admin cannot create a national admin nor a user in another province", async () => {
    expect(await fieldErrors(createUser(t.prisma, hanoiAdmin, { ...base, login: "x.national", role: "ADMIN", unitCode: "VN" }))).toEqual({
      unitCode: "Đơn vị này nằm ngoài phạm vi của bạn — bạn không thể cấp phạm vi rộng hơn của mình.",
    });
    expect(await fieldErrors(createUser(t.prisma, hanoiAdmin, { ...base, login: "x.nghean", role: "ADMIN", unitCode: "40" }))).toHaveProperty("unitCode");
    expect(await fieldErrors(createUser(t.prisma, hanoiAdmin, { ...base, login: "x.vinh", role: "DISTRICT_STAFF", unitCode: "412" }))).toHaveProperty(
      "unitCode",
    );
    expect(await t.prisma.user.count({ where: { login: { startsWith: "x." } } })).toBe(0);
    expect(assignableRoles(hanoiAdmin)).toEqual(["ADMIN", "PROVINCE_OFFICER", "DISTRICT_STAFF"]);
    const units = await assignableUnits(t.prisma, hanoiAdmin);
    expect(units.map((u) => u.code)).not.toContain("VN");
    expect(units.every((u) => u.provinceCode === "01")).toBe(true);
    expect(units).toHaveLength(31); // the province and its 30 areas
  });

  it("a role must suit its unit's level", async () => {
    expect(await fieldErrors(createUser(t.prisma, hanoiAdmin, { ...base, login: "x.officer", role: "PROVINCE_OFFICER", unitCode: "001" }))).toEqual({
      unitCode: "Vai trò này không gắn được với đơn vị cấp này: Tỉnh/Thành phố.",
    });
    expect(await fieldErrors(createUser(t.prisma, hanoiAdmin, { ...base, login: "x.admin", role: "ADMIN", unitCode: "001" }))).toHaveProperty("unitCode");
    expect(await fieldErrors(createUser(t.prisma, hanoiAdmin, { ...base, login: "x.staff", role: "DISTRICT_STAFF", unitCode: "01" }))).toHaveProperty(
      "unitCode",
    );
  });

  it("only admins manage users", async () => {
    await expect(createUser(t.prisma, hanoiOfficer, { ...base, login: "x.any", role: "DISTRICT_STAFF", unitCode: "001" })).rejects.toMatchObject({
      status: 403,
    });
    await expect(listUsers(t.prisma, hanoiOfficer, {})).rejects.toMatchObject({ status: 403 });
  });

  it("creates a user with a generated password shown once; the hash is stored, never logged", async () => {
    const r = await createUser(t.prisma, hanoiAdmin, { ...base, login: " CS.BaDinh2 ", role: "DISTRICT_STAFF", unitCode: "001" });
    expect(r.login).toBe("cs.badinh2");
    expect(r.password).toMatch(/^[A-Za-z2-9]{14}$/);
    const row = await t.prisma.user.findUniqueOrThrow({ where: { login: "cs.badinh2" } });
    expect(row).toMatchObject({ role: "DISTRICT_STAFF", unitCode: "001", active: true, name: "Nguyễn Thị Mới" });
    expect(row.passwordHash).not.toContain(r.password!);
    expect(await verifyPassword(r.password!, row.passwordHash)).toBe(true);
    const entry = await t.prisma.auditLog.findFirstOrThrow({ where: { action: "user.create", entityId: String(row.id) } });
    expect(entry).toMatchObject({ userId: hanoiAdmin.userId, unitCode: "001" });
    expect(entry.after).toEqual({
      login: "cs.badinh2",
      name: "Nguyễn Thị Mới",
      role: "DISTRICT_STAFF",
      unitCode: "001",
      active: true,
      passwordGenerated: true,
    });
    expect(JSON.stringify(entry)).not.toContain(row.passwordHash);
    expect(JSON.stringify(entry)).not.toContain(r.password!);
  });

  it("a chosen password must be strong; a login must be free", async () => {
    const chosen = { ...base, role: "PROVINCE_OFFICER", unitCode: "01", passwordMode: "choose" };
    expect(await fieldErrors(createUser(t.prisma, hanoiAdmin, { ...chosen, login: "tinh.hn2", password: "Abc12345" }))).toEqual({
      password: "Mật khẩu phải có ít nhất 10 ký tự.",
    });
    expect(await fieldErrors(createUser(t.prisma, hanoiAdmin, { ...chosen, login: "tinh.hn2", password: "abcdefghijkl" }))).toEqual({
      password: "Mật khẩu phải có cả chữ cái và chữ số.",
    });
    expect(await fieldErrors(createUser(t.prisma, hanoiAdmin, { ...chosen, login: "tinh.hn2", password: "xx-tinh.hn2-99" }))).toEqual({
      password: "Mật khẩu không được chứa tên đăng nhập.",
    });
    const ok = await createUser(t.prisma, hanoiAdmin, { ...chosen, login: "tinh.hn2", password: "Song-Hong-2026" });
    expect(ok.password).toBeNull();
    expect(await verifyPassword("Song-Hong-2026", (await t.prisma.user.findUniqueOrThrow({ where: { id: ok.id } })).passwordHash)).toBe(true);
    expect(await fieldErrors(createUser(t.prisma, hanoiAdmin, { ...chosen, login: "tinh.hn2", password: "Song-Hong-2027" }))).toEqual({
      login: "Tên đăng nhập này đã có người dùng.",
    });
    expect(await fieldErrors(createUser(t.prisma, hanoiAdmin, { ...chosen, login: "Ấn Độ", password: "Song-Hong-2027" }))).toHaveProperty("login");
  });

  it("a national admin can create a national admin", async () => {
    const r = await createUser(t.prisma, national, { ...base, login: "admin.2", role: "ADMIN", unitCode: "VN" });
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: r.id } })).unitCode).toBe("VN");
  });
});

describe("listing and changing users", () => {
  it("lists only the accounts of the caller's scope", async () => {
    const hanoi = await listUsers(t.prisma, hanoiAdmin, {});
    const expected = await t.prisma.$queryRaw<{ login: string }[]>`
      SELECT u.login FROM "User" u JOIN "Unit" un ON un.code = u."unitCode" WHERE un."provinceCode" = '01' ORDER BY u.login`;
    expect(hanoi.rows.map((u) => u.login)).toEqual(expected.map((r) => r.login));
    expect(hanoi.rows.map((u) => u.login)).not.toContain(national.login);
    expect(hanoi.rows.map((u) => u.login)).not.toContain(ngheanAdmin.login);
    expect((await listUsers(t.prisma, national, {})).total).toBe(Number((await t.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "User"`)[0].n));
    expect((await listUsers(t.prisma, hanoiAdmin, { q: "badinh2" })).rows.map((u) => u.login)).toEqual(["cs.badinh2"]);
    expect((await listUsers(t.prisma, hanoiAdmin, { role: "PROVINCE_OFFICER" })).rows.every((u) => u.role === "PROVINCE_OFFICER")).toBe(true);
    await expect(getUser(t.prisma, hanoiAdmin, national.userId)).rejects.toMatchObject({ status: 404 });
    await expect(getUser(t.prisma, hanoiAdmin, ngheanAdmin.userId)).rejects.toMatchObject({ status: 404 });
  });

  it("deactivates and reactivates within the scope, never oneself, audited", async () => {
    const u = await t.prisma.user.findUniqueOrThrow({ where: { login: "cs.badinh2" } });
    expect((await setUserActive(t.prisma, hanoiAdmin, { id: u.id, active: false })).active).toBe(false);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: u.id } })).active).toBe(false);
    expect((await listUsers(t.prisma, hanoiAdmin, { state: "inactive" })).rows.map((x) => x.login)).toEqual(["cs.badinh2"]);
    await setUserActive(t.prisma, hanoiAdmin, { id: u.id, active: true });
    const entries = await t.prisma.auditLog.findMany({
      where: { entity: "User", entityId: String(u.id), action: { in: ["user.deactivate", "user.reactivate"] } },
      orderBy: { id: "asc" },
    });
    expect(entries.map((e) => [e.action, e.before, e.after])).toEqual([
      ["user.deactivate", { login: "cs.badinh2", active: true }, { login: "cs.badinh2", active: false }],
      ["user.reactivate", { login: "cs.badinh2", active: false }, { login: "cs.badinh2", active: true }],
    ]);
    expect(await fieldErrors(setUserActive(t.prisma, hanoiAdmin, { id: hanoiAdmin.userId, active: false }))).toEqual({
      active: "Bạn không thể khóa tài khoản của chính mình.",
    });
    await expect(setUserActive(t.prisma, hanoiAdmin, { id: national.userId, active: false })).rejects.toMatchObject({ status: 404 });
    await expect(setUserActive(t.prisma, ngheanAdmin, { id: u.id, active: false })).rejects.toMatchObject({ status: 404 });
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: national.userId } })).active).toBe(true);
  });

  it("resets a password (generated or chosen), clears the sign-in lock, never logs it", async () => {
    const u = await t.prisma.user.findUniqueOrThrow({ where: { login: "cs.badinh2" } });
    await t.prisma.loginThrottle.create({ data: { login: u.login, failures: 5, lockedUntil: new Date(Date.now() + 600_000) } });
    const r = await resetPassword(t.prisma, hanoiAdmin, { id: u.id, passwordMode: "generate" });
    const after = await t.prisma.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(await verifyPassword(r.password!, after.passwordHash)).toBe(true);
    expect(after.passwordHash).not.toBe(u.passwordHash);
    expect(await t.prisma.loginThrottle.count({ where: { login: u.login } })).toBe(0);
    expect(await fieldErrors(resetPassword(t.prisma, hanoiAdmin, { id: u.id, passwordMode: "choose", password: "cs.badinh2-2026" }))).toEqual({
      password: "Mật khẩu không được chứa tên đăng nhập.",
    });
    await resetPassword(t.prisma, hanoiAdmin, { id: u.id, passwordMode: "choose", password: "Hoan-Kiem-2026" });
    expect(await verifyPassword("Hoan-Kiem-2026", (await t.prisma.user.findUniqueOrThrow({ where: { id: u.id } })).passwordHash)).toBe(true);
    await expect(resetPassword(t.prisma, hanoiAdmin, { id: national.userId, passwordMode: "generate" })).rejects.toMatchObject({ status: 404 });
    const entries = await t.prisma.auditLog.findMany({ where: { action: "user.password_reset", entityId: String(u.id) } });
    expect(entries).toHaveLength(2);
    expect(JSON.stringify(entries)).not.toMatch(/Hoan-Kiem|\$2[aby]\$/);
  });
});

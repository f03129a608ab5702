// The worked example of docs/features/targets.md, the target inputs' validation and the password rules.
import { describe, expect, it } from "vitest";
import { allocateTarget, type AllocationMethod } from "@/lib/domain/allocation";
import { expectedShareBp } from "@/lib/domain/coverage";
import { allocationSaveSchema, readTargetQuery, targetSetSchema } from "@/lib/validation/target";
import { passwordProblem, userCreateSchema } from "@/lib/validation/user";
import { targetsEn } from "@/lib/i18n/areas/targets";

const children = [
  { code: "A", labourForce: 4150, participants: 120, lastYearParticipants: 90 },
  { code: "B", labourForce: 3300, participants: 130, lastYearParticipants: 60 },
  { code: "C", labourForce: 2550, participants: 40, lastYearParticipants: 50 },
];
const milestones = [
  { year: 2021, shareBp: 100 },
  { year: 2025, shareBp: 250 },
  { year: 2030, shareBp: 500 },
];
const run = (total: number, method: AllocationMethod, floors?: Record<string, number>) => {
  const r = allocateTarget({ total, children, method, expectedShareBp: expectedShareBp(2027, milestones), floors });
  if (!r.ok) throw new Error(r.error.message.en);
  return [r.allocations.A, r.allocations.B, r.allocations.C];
};

describe("the worked example of docs/features/targets.md", () => {
  it("matches the hand-computed figures", () => {
    expect(expectedShareBp(2027, milestones)).toBe(350);
    expect(run(100, "LABOUR_FORCE")).toEqual([42, 33, 25]);
    expect(run(100, "R28_GAP")).toEqual([34, 0, 66]);
    expect(run(100, "LAST_YEAR")).toEqual([45, 30, 25]);
    expect(run(100, "EQUAL")).toEqual([34, 33, 33]);
    expect(run(300, "EQUAL", { A: 120, B: 130, C: 40 })).toEqual([120, 130, 50]);
    const r = allocateTarget({ total: 100, children, method: "EQUAL", floors: { A: 120, B: 130, C: 40 } });
    expect(r.ok ? null : r.error.code).toBe("FLOORS_EXCEED_TOTAL");
  });
});

describe("target inputs", () => {
  it("reads form strings, accepts thousands separators, needs exactly one subject", () => {
    expect(targetSetSchema().parse({ year: "2027", unitCode: "001", participants: "1.250", version: "3", seen: "1200" })).toEqual({
      year: 2027,
      unitCode: "001",
      participants: 1250,
      version: 3,
      seen: 1200,
    });
    expect(targetSetSchema().parse({ year: 2027, agentId: "12", participants: 0, version: "" })).toMatchObject({ agentId: 12, version: null, seen: null });
    const both = targetSetSchema().safeParse({ year: 2027, unitCode: "001", agentId: 3, participants: 1 });
    expect(both.success ? null : both.error.issues[0].message).toBe("Chọn đúng một trong hai: đơn vị (unitCode) hoặc đại lý (agentId).");
    const neg = targetSetSchema(targetsEn.v).safeParse({ year: 2027, unitCode: "001", participants: "-5" });
    expect(neg.success ? null : neg.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["participants", "The target must be a whole number from 0 to 10,000,000."],
    ]);
    expect(targetSetSchema().safeParse({ year: 2027, unitCode: "001", participants: "12,5x" }).success).toBe(false);
    expect(targetSetSchema().safeParse({ year: 1999, unitCode: "001", participants: 1 }).success).toBe(false);
    expect(targetSetSchema().safeParse({ year: 2027, unitCode: "1;DROP", participants: 1 }).success).toBe(false);
  });

  it("reads the editor's URL leniently", () => {
    expect(readTargetQuery({ year: "2027", unit: "01" })).toEqual({ year: 2027, unit: "01", page: undefined });
    expect(readTargetQuery({ year: "abc", unit: "x", page: "0" })).toEqual({ year: undefined, unit: undefined, page: undefined });
  });

  it("an allocation save names each child by a typed key", () => {
    const ok = {
      year: 2027,
      unitCode: "01",
      method: "EQUAL",
      parentVersion: 1,
      children: [
        { key: "u:001", version: null, participants: 5 },
        { key: "a:17", version: 2, participants: 0 },
      ],
    };
    expect(allocationSaveSchema().parse(ok).children).toHaveLength(2);
    expect(allocationSaveSchema().safeParse({ ...ok, children: [{ key: "x:1", version: null, participants: 1 }] }).success).toBe(false);
    expect(allocationSaveSchema().safeParse({ ...ok, method: "RANDOM" }).success).toBe(false);
  });
});

describe("password rules", () => {
  it("needs 10+ characters, letters and digits, not the login, not one repeated character", () => {
    expect(passwordProblem("Abc12345", "x")).toBe("Mật khẩu phải có ít nhất 10 ký tự.");
    expect(passwordProblem("abcdefghijk", "x")).toBe("Mật khẩu phải có cả chữ cái và chữ số.");
    expect(passwordProblem("1234567890", "x")).toBe("Mật khẩu phải có cả chữ cái và chữ số.");
    expect(passwordProblem("a1a1a1a1a1a1", "x")).toBe("Mật khẩu quá đơn giản (lặp một ký tự).");
    expect(passwordProblem("XX-CS.BADINH-2026", "cs.badinh")).toBe("Mật khẩu không được chứa tên đăng nhập.");
    expect(passwordProblem("Sông-Hồng-2026", "cs.badinh")).toBeNull();
  });

  it("a chosen password is checked by the create form; a generated one is not asked for", () => {
    const base = { login: "cs.new", name: "  Lê   Thị  Hoa ", role: "DISTRICT_STAFF", unitCode: "001" };
    expect(userCreateSchema().parse({ ...base, passwordMode: "generate" })).toMatchObject({ name: "Lê Thị Hoa", password: "" });
    const bad = userCreateSchema().safeParse({ ...base, passwordMode: "choose", password: "short1" });
    expect(bad.success ? null : bad.error.issues.map((i) => i.path.join("."))).toEqual(["password"]);
    expect(userCreateSchema().safeParse({ ...base, unitCode: "00004", passwordMode: "generate" }).success).toBe(false);
  });
});

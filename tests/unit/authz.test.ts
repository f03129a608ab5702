import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, scopeContains, scopeWhere, unitInScope, type Scope } from "@/lib/server/auth/authz";

const nation: Scope = { level: "NATION" };
const hanoi: Scope = { level: "PROVINCE", provinceCode: "01" };
const badinh: Scope = { level: "AREA", provinceCode: "01", areaCode: "001" };
const vinh: Scope = { level: "AREA", provinceCode: "40", areaCode: "412" };

describe("permission map", () => {
  it("gives each role exactly its permissions", () => {
    const granted = (role: "ADMIN" | "PROVINCE_OFFICER" | "DISTRICT_STAFF", scope: Scope) => PERMISSIONS.filter((perm) => can({ role, scope }, perm));
    expect(granted("DISTRICT_STAFF", badinh)).toEqual(["unit.read", "enrollee.read", "enrollee.write", "conference.write", "paperwork.write"]);
    expect(granted("PROVINCE_OFFICER", hanoi)).toEqual(["unit.read", "enrollee.read"]);
    expect(granted("ADMIN", hanoi)).not.toContain("policy.write"); // national regulations are national
    expect(granted("ADMIN", hanoi)).not.toContain("enrollee.write");
    expect(granted("ADMIN", nation)).toContain("policy.write");
    expect(granted("ADMIN", hanoi)).toContain("user.manage");
  });
  it("turns scopes into where-clauses and containment", () => {
    expect(scopeWhere(nation)).toEqual({});
    expect(scopeWhere(hanoi)).toEqual({ provinceCode: "01" });
    expect(scopeWhere(badinh)).toEqual({ areaCode: "001" });
    expect(unitInScope(hanoi, { code: "00004", level: "COMMUNE", provinceCode: "01", areaCode: "001" })).toBe(true);
    expect(unitInScope(badinh, { code: "00091", level: "COMMUNE", provinceCode: "01", areaCode: "006" })).toBe(false);
    expect(scopeContains(nation, hanoi)).toBe(true);
    expect(scopeContains(hanoi, badinh)).toBe(true);
    expect(scopeContains(hanoi, vinh)).toBe(false);
    expect(scopeContains(hanoi, nation)).toBe(false);
    expect(scopeContains(badinh, hanoi)).toBe(false);
  });
});

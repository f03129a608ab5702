import { describe, expect, it } from "vitest";
import { maskPersonalId, seesFullPersonalId } from "@/lib/domain/personal-id-mask";
import { diffAudit } from "@/lib/domain/audit-diff";
import { ledgerLine } from "@/lib/i18n/audit-ledger-values";

describe("maskPersonalId", () => {
  it("shows the whole number to enrolling staff, the last 4 digits to officers and admins", () => {
    expect(maskPersonalId("001085012345", "DISTRICT_STAFF")).toBe("001085012345");
    expect(maskPersonalId("001085012345", "PROVINCE_OFFICER")).toBe("********2345");
    expect(maskPersonalId("001085012345", "ADMIN")).toBe("********2345");
    expect(seesFullPersonalId("DISTRICT_STAFF")).toBe(true);
    expect(seesFullPersonalId("ADMIN")).toBe(false);
  });

  it("masks for unknown roles, and copes with short or missing numbers", () => {
    expect(maskPersonalId("001085012345", "SOMETHING_NEW")).toBe("********2345");
    expect(maskPersonalId("1234", "ADMIN")).toBe("****");
    expect(maskPersonalId("", "ADMIN")).toBe("");
    expect(maskPersonalId(null, "DISTRICT_STAFF")).toBe("");
  });
});

describe("diffAudit", () => {
  it("lists changed, added and removed fields first, then unchanged ones", () => {
    const rows = diffAudit(
      { name: "Nguyễn Văn A", income: 1_500_000, phone: "0901", address: { commune: "00004", street: "Kim Mã" } },
      { name: "Nguyễn Văn A", income: 2_000_000, email: "a@b.vn", address: { commune: "00008", street: "Kim Mã" } },
    );
    expect(rows).toEqual([
      { path: "income", before: "1500000", after: "2000000", kind: "changed" },
      { path: "phone", before: "0901", after: null, kind: "removed" },
      { path: "address.commune", before: "00004", after: "00008", kind: "changed" },
      { path: "email", before: null, after: "a@b.vn", kind: "added" },
      { path: "name", before: "Nguyễn Văn A", after: "Nguyễn Văn A", kind: "same" },
      { path: "address.street", before: "Kim Mã", after: "Kim Mã", kind: "same" },
    ]);
  });

  it("shows a creation as added fields, arrays and nulls as JSON, scalars as a value", () => {
    expect(diffAudit(null, { ids: [1, 2], note: null })).toEqual([
      { path: "ids", before: null, after: "[1,2]", kind: "added" },
      { path: "note", before: null, after: "null", kind: "added" },
    ]);
    expect(diffAudit(undefined, undefined)).toEqual([]);
    expect(diffAudit(1, 2)).toEqual([{ path: "(value)", before: "1", after: "2", kind: "changed" }]);
  });

  it("summarises the changes in one line of words for exports, bounded in length", () => {
    const L = { fields: { b: "Bê", participants: "Chỉ tiêu (người)" }, yes: "Có", no: "Không" };
    expect(ledgerLine("changes", { a: 1, b: 2 }, { a: 1, b: 3, c: "x" }, "vi", L)).toBe("Bê: 2 → 3; c: x");
    expect(ledgerLine("changes", { participants: 400 }, { participants: 4500 }, "vi", L)).toBe("Chỉ tiêu (người): 400 → 4.500");
    expect(ledgerLine("before", { a: 1, b: true }, { a: 2 }, "vi", L)).toBe("a: 1; Bê: Có");
    expect(ledgerLine("after", { a: 1 }, { a: 2, b: null }, "vi", L)).toBe("a: 2; Bê: null");
    expect(ledgerLine("changes", { a: "x".repeat(5000) }, { a: "y" }, "vi", L, 100)).toHaveLength(100);
  });
});

import { describe, it, expect } from "vitest";
import { allocateTarget, largestRemainder, type AllocationChild } from "@/lib/domain/allocation";

const child = (code: string, labourForce: number, participants = 0, lastYearParticipants = 0): AllocationChild => ({
  code,
  labourForce,
  participants,
  lastYearParticipants,
});
const sum = (r: Record<string, number>) => Object.values(r).reduce((s, v) => s + v, 0);
function ok(r: ReturnType<typeof allocateTarget>): Record<string, number> {
  if (!r.ok) throw new Error(r.error.message.en);
  return r.allocations;
}

describe("largestRemainder", () => {
  it("10 over [1,1,1] → [4,3,3]: the tie goes to the first", () => {
    expect(largestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
  });
  it("100 over [500,300,200] → [50,30,20]", () => {
    expect(largestRemainder(100, [500, 300, 200])).toEqual([50, 30, 20]);
  });
  it("7 over [2,3,5]: quotas 1.4, 2.1, 3.5 → [1,2,4]", () => {
    expect(largestRemainder(7, [2, 3, 5])).toEqual([1, 2, 4]);
  });
  it("equal remainders go to the larger weight, then to the earlier position", () => {
    // 2 over [1,3]: quotas 0.5, 1.5 → 0 + 1, one left, remainders tie → larger weight (second)
    expect(largestRemainder(2, [1, 3])).toEqual([0, 2]);
    // 2 over [1,1,2]: quotas 0.5, 0.5, 1 → tie between equal weights → first
    expect(largestRemainder(2, [1, 1, 2])).toEqual([1, 0, 1]);
  });
  it("all-zero weights share equally; empty and invalid inputs", () => {
    expect(largestRemainder(5, [0, 0, 0])).toEqual([2, 2, 1]);
    expect(largestRemainder(0, [])).toEqual([]);
    expect(() => largestRemainder(1, [])).toThrow(RangeError);
    expect(() => largestRemainder(1.5, [1])).toThrow(RangeError);
    expect(() => largestRemainder(1, [-1, 2])).toThrow(RangeError);
  });
  it("sums exactly on national-scale numbers", () => {
    const w = [9_123_457, 4_000_001, 77, 31_999_999];
    const r = largestRemainder(2_444_500, w);
    expect(r.reduce((s, v) => s + v, 0)).toBe(2_444_500);
  });
});

describe("allocateTarget — methods", () => {
  const kids = [child("A", 500, 10, 40), child("B", 300, 20, 10), child("C", 200, 0, 0)];

  it("LABOUR_FORCE: 100 over 500/300/200 → 50/30/20", () => {
    expect(ok(allocateTarget({ total: 100, children: kids, method: "LABOUR_FORCE" }))).toEqual({ A: 50, B: 30, C: 20 });
  });
  it("LABOUR_FORCE: a child with no labour force gets 0", () => {
    const r = ok(allocateTarget({ total: 9, children: [child("A", 0), child("B", 2), child("C", 1)], method: "LABOUR_FORCE" }));
    expect(r).toEqual({ A: 0, B: 6, C: 3 });
  });
  it("LAST_YEAR: 50 over 100/200/300 → quotas 8.33/16.67/25 → 8/17/25", () => {
    const r = ok(allocateTarget({ total: 50, children: [child("A", 0, 0, 100), child("B", 0, 0, 200), child("C", 0, 0, 300)], method: "LAST_YEAR" }));
    expect(r).toEqual({ A: 8, B: 17, C: 25 });
  });
  it("EQUAL: 10 over three → 4/3/3", () => {
    expect(ok(allocateTarget({ total: 10, children: kids, method: "EQUAL" }))).toEqual({ A: 4, B: 3, C: 3 });
  });
  it("R28_GAP at 2.5%: gaps 150 / 0 (already above) / 50 → 100 shared 75/0/25", () => {
    // A: ceil(10000×2.5%) − 100 = 150; B: 100 − 150 < 0 → 0; C: 50 − 0 = 50
    const children = [child("A", 10_000, 100), child("B", 4_000, 150), child("C", 2_000, 0)];
    const r = ok(allocateTarget({ total: 100, children, method: "R28_GAP", expectedShareBp: 250 }));
    expect(r).toEqual({ A: 75, B: 0, C: 25 });
  });
  it("R28_GAP with a fractional share rounds the expected count up: 1000 × 1.375% = 13.75 → 14", () => {
    const r = ok(allocateTarget({ total: 20, children: [child("A", 1000, 4), child("B", 1000, 14)], method: "R28_GAP", expectedShareBp: 137.5 }));
    expect(r).toEqual({ A: 20, B: 0 }); // gaps 10 and 0
  });
  it("R28_GAP needs the expected share", () => {
    const r = allocateTarget({ total: 10, children: kids, method: "R28_GAP" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("MISSING_EXPECTED_SHARE");
  });
  it("all-zero weights fall back to equal shares", () => {
    const zero = [child("A", 0), child("B", 0), child("C", 0)];
    expect(ok(allocateTarget({ total: 5, children: zero, method: "LABOUR_FORCE" }))).toEqual({ A: 2, B: 2, C: 1 });
    // everyone already above the expected coverage → no gap anywhere → equal
    const above = [child("A", 100, 50), child("B", 100, 60)];
    expect(ok(allocateTarget({ total: 7, children: above, method: "R28_GAP", expectedShareBp: 500 }))).toEqual({ A: 4, B: 3 });
  });
  it("total 0 gives zeros; no children is fine only for total 0", () => {
    expect(ok(allocateTarget({ total: 0, children: kids, method: "LABOUR_FORCE" }))).toEqual({ A: 0, B: 0, C: 0 });
    expect(ok(allocateTarget({ total: 0, children: [], method: "EQUAL" }))).toEqual({});
    expect(allocateTarget({ total: 1, children: [], method: "EQUAL" }).ok).toBe(false);
  });
  it("rejects a negative or fractional total, duplicate codes and bad figures", () => {
    for (const total of [-1, 2.5, NaN]) {
      const r = allocateTarget({ total, children: kids, method: "EQUAL" });
      expect(r.ok ? "" : r.error.code).toBe("INVALID_TOTAL");
    }
    const dup = allocateTarget({ total: 1, children: [child("A", 1), child("A", 2)], method: "EQUAL" });
    expect(dup.ok ? "" : dup.error.code).toBe("DUPLICATE_CHILD");
    const bad = allocateTarget({ total: 1, children: [child("A", -5)], method: "EQUAL" });
    expect(bad.ok ? "" : bad.error.code).toBe("INVALID_CHILD");
  });
  it("totals are exact for awkward numbers", () => {
    const many = Array.from({ length: 37 }, (_, i) => child(`X${i}`, (i * 7919) % 1013, 0, i));
    for (const method of ["LABOUR_FORCE", "LAST_YEAR", "EQUAL"] as const) {
      expect(sum(ok(allocateTarget({ total: 12_345, children: many, method })))).toBe(12_345);
    }
  });
});

describe("allocateTarget — floors", () => {
  const kids = [child("A", 500), child("B", 300), child("C", 200)];

  it("a floor above the proportional share is honoured and the others shrink proportionally", () => {
    // C: 20 < 40 → fixed at 40; the remaining 60 over 500/300 → 37.5/22.5; tie → larger weight A → 38/22
    const r = ok(allocateTarget({ total: 100, children: kids, method: "LABOUR_FORCE", floors: { C: 40 } }));
    expect(r).toEqual({ A: 38, B: 22, C: 40 });
    expect(sum(r)).toBe(100);
  });
  it("floors below the proportional share change nothing", () => {
    const r = ok(allocateTarget({ total: 100, children: kids, method: "LABOUR_FORCE", floors: { A: 50, B: 10, C: 20 } }));
    expect(r).toEqual({ A: 50, B: 30, C: 20 });
  });
  it("fixing one child can push another below its floor (iterates until stable)", () => {
    // weights 6/3/1, total 100: 60/30/10 → C fixed at 20; 80 over 6/3 → 53.33/26.67 → B fixed at 30; A gets 50
    const children = [child("A", 6), child("B", 3), child("C", 1)];
    const r = ok(allocateTarget({ total: 100, children, method: "LABOUR_FORCE", floors: { B: 30, C: 20 } }));
    expect(r).toEqual({ A: 50, B: 30, C: 20 });
  });
  it("a zero-labour-force child with a floor gets its floor", () => {
    // A fixed at 2; 7 over 2/1 → 4.67/2.33 → 5/2
    const children = [child("A", 0), child("B", 2), child("C", 1)];
    const r = ok(allocateTarget({ total: 9, children, method: "LABOUR_FORCE", floors: { A: 2 } }));
    expect(r).toEqual({ A: 2, B: 5, C: 2 });
  });
  it("floors exactly equal to the total", () => {
    const r = ok(allocateTarget({ total: 60, children: kids, method: "LABOUR_FORCE", floors: { A: 10, B: 20, C: 30 } }));
    expect(r).toEqual({ A: 10, B: 20, C: 30 });
  });
  it("Σfloors > total is an error that states both numbers", () => {
    const r = allocateTarget({ total: 1000, children: kids, method: "LABOUR_FORCE", floors: { A: 600, B: 500 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("FLOORS_EXCEED_TOTAL");
    expect(r.error.message.en).toContain("1,000");
    expect(r.error.message.en).toContain("1,100");
    expect(r.error.message.vi).toContain("1.000");
    expect(r.error.message.vi).toContain("1.100");
  });
  it("rejects floors for unknown children or invalid floors", () => {
    const u = allocateTarget({ total: 10, children: kids, method: "EQUAL", floors: { Z: 1 } });
    expect(u.ok ? "" : u.error.code).toBe("UNKNOWN_FLOOR_CHILD");
    const f = allocateTarget({ total: 10, children: kids, method: "EQUAL", floors: { A: 1.5 } });
    expect(f.ok ? "" : f.error.code).toBe("INVALID_FLOOR");
  });
});

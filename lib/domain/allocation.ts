// Splitting a parent's yearly target among its children (docs/domain.md "How targets cascade").
//
// Each child gets a weight from the chosen method, the total is shared in proportion to the
// weights and rounded with the largest-remainder (Hamilton) method, so the children's targets are
// whole numbers that add up to exactly the parent's target — a cascade that does not add up would
// show as a shortfall warning one level down.
//
// Arithmetic is exact: weights are integers, a quota total×w/W is kept as an integer part and an
// integer remainder (BigInt, so national figures cannot overflow), and remainders with the same
// denominator W are compared directly.
import { formatNumber } from "@/lib/i18n/format";
import { expectedParticipants } from "./coverage";

export type AllocationMethod = "LABOUR_FORCE" | "R28_GAP" | "LAST_YEAR" | "EQUAL";

export type AllocationChild = {
  code: string;
  labourForce: number;
  participants: number; // current participants
  lastYearParticipants: number;
};

type Msg = { vi: string; en: string };
export type AllocationError = { code: string; message: Msg };
export type AllocationResult = { ok: true; allocations: Record<string, number> } | { ok: false; error: AllocationError };

const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0;

/**
 * Shares `total` among `weights` by the largest-remainder method: each gets floor(total×w/W), the
 * units left over go to the largest fractional remainders; ties go to the larger weight, then to
 * the earlier position. If every weight is 0 the shares are equal (as if every weight were 1).
 * Throws RangeError on a negative or fractional total or weight, or a positive total with no weights.
 */
export function largestRemainder(total: number, weights: number[]): number[] {
  if (!isCount(total)) throw new RangeError(`total must be a non-negative integer: ${total}`);
  if (!weights.every(isCount)) throw new RangeError(`weights must be non-negative integers: ${weights.join(", ")}`);
  if (weights.length === 0) {
    if (total === 0) return [];
    throw new RangeError("cannot share a positive total among no one");
  }
  const ws = weights.some((w) => w > 0) ? weights.map(BigInt) : weights.map(() => 1n);
  const W = ws.reduce((s, w) => s + w, 0n);
  const T = BigInt(total);
  const base = ws.map((w) => (T * w) / W);
  const rem = ws.map((w) => (T * w) % W);
  let left = Number(T - base.reduce((s, q) => s + q, 0n)); // < weights.length
  const order = ws.map((_, i) => i).sort((a, b) => (rem[a] !== rem[b] ? (rem[b] > rem[a] ? 1 : -1) : ws[a] !== ws[b] ? (ws[b] > ws[a] ? 1 : -1) : a - b));
  const out = base.map(Number);
  for (const i of order) {
    if (left === 0) break;
    out[i] += 1;
    left -= 1;
  }
  return out;
}

function weightOf(c: AllocationChild, method: AllocationMethod, shareBp: number): number {
  switch (method) {
    case "LABOUR_FORCE":
      return c.labourForce;
    case "R28_GAP": // what the child still lacks to reach the expected coverage; 0 if already there
      return Math.max(0, expectedParticipants(c.labourForce, shareBp) - c.participants);
    case "LAST_YEAR":
      return c.lastYearParticipants;
    case "EQUAL":
      return 1;
  }
}

const fail = (code: string, vi: string, en: string): AllocationResult => ({ ok: false, error: { code, message: { vi, en } } });

/**
 * Distributes `total` among `children` by `method`, honouring per-child minimums (`floors`).
 *
 * Weights: LABOUR_FORCE → labour force; R28_GAP → max(0, ceil(labourForce × expectedShareBp / 10000)
 * − participants); LAST_YEAR → last year's participants; EQUAL → 1. If all weights are 0 (no
 * labour-force figures yet, everyone already above the expected coverage, …) the total is shared
 * equally rather than refused, so a target can always be cascaded.
 *
 * Floors: a child whose proportional share falls below its floor is fixed at the floor and the rest
 * is re-shared among the others in proportion to their weights; repeated until no new child falls
 * below its floor, then the free children are rounded by largest remainder. This reduces the others
 * proportionally instead of giving floors first and sharing only what is left (which would favour
 * children with floors twice). A free child's exact quota is ≥ its (integer) floor, so rounding
 * down never breaks a floor. Σfloors > total is an error.
 */
export function allocateTarget(args: {
  total: number;
  children: AllocationChild[];
  method: AllocationMethod;
  expectedShareBp?: number;
  floors?: Record<string, number>;
}): AllocationResult {
  const { total, children, method } = args;
  const floors = args.floors ?? {};
  if (!isCount(total))
    return fail("INVALID_TOTAL", `Chỉ tiêu phải là số nguyên không âm (nhận được ${total}).`, `The target must be a non-negative whole number (got ${total}).`);
  if (children.length === 0) {
    if (total === 0) return { ok: true, allocations: {} };
    return fail("NO_CHILDREN", "Không có đơn vị cấp dưới để phân bổ chỉ tiêu.", "There are no child units to allocate the target to.");
  }
  const codes = new Set<string>();
  for (const c of children) {
    if (codes.has(c.code)) return fail("DUPLICATE_CHILD", `Mã đơn vị ${c.code} bị trùng.`, `Unit code ${c.code} appears twice.`);
    codes.add(c.code);
    if (![c.labourForce, c.participants, c.lastYearParticipants].every(isCount))
      return fail(
        "INVALID_CHILD",
        `Số liệu của đơn vị ${c.code} phải là số nguyên không âm.`,
        `The figures of unit ${c.code} must be non-negative whole numbers.`,
      );
  }
  for (const [code, f] of Object.entries(floors)) {
    if (!codes.has(code))
      return fail(
        "UNKNOWN_FLOOR_CHILD",
        `Mức tối thiểu cho đơn vị không có trong danh sách: ${code}.`,
        `A minimum was given for a unit that is not in the list: ${code}.`,
      );
    if (!isCount(f))
      return fail(
        "INVALID_FLOOR",
        `Mức tối thiểu của đơn vị ${code} phải là số nguyên không âm.`,
        `The minimum for unit ${code} must be a non-negative whole number.`,
      );
  }
  let shareBp = 0;
  if (method === "R28_GAP") {
    if (args.expectedShareBp === undefined || !Number.isFinite(args.expectedShareBp) || args.expectedShareBp < 0)
      return fail(
        "MISSING_EXPECTED_SHARE",
        "Cần tỷ lệ bao phủ kỳ vọng (Nghị quyết 28) để phân bổ theo khoảng thiếu hụt.",
        "Allocating by the Resolution 28 gap needs the expected coverage share.",
      );
    shareBp = args.expectedShareBp;
  }

  const floorOf = (code: string) => floors[code] ?? 0;
  const sumFloors = children.reduce((s, c) => s + floorOf(c.code), 0);
  if (sumFloors > total)
    return fail(
      "FLOORS_EXCEED_TOTAL",
      `Chỉ tiêu ${formatNumber(total, "vi")} nhỏ hơn tổng mức tối thiểu của các đơn vị cấp dưới (${formatNumber(sumFloors, "vi")}).`,
      `The target ${formatNumber(total, "en")} is less than the sum of the children's minimums (${formatNumber(sumFloors, "en")}).`,
    );

  let weights = children.map((c) => weightOf(c, method, shareBp));
  if (weights.every((w) => w === 0)) weights = weights.map(() => 1); // documented fallback: equal shares

  // Fix children whose exact share is below their floor until stable. While any child is free its
  // exact quotas sum to `rest` ≥ Σ free floors, so some positive-weight child always stays free.
  const fixed = new Set<number>();
  let rest = BigInt(total);
  for (;;) {
    const free = children.map((_, i) => i).filter((i) => !fixed.has(i));
    const W = free.reduce((s, i) => s + BigInt(weights[i]), 0n);
    const below = free.filter((i) => rest * BigInt(weights[i]) < BigInt(floorOf(children[i].code)) * W);
    if (below.length === 0) break;
    for (const i of below) {
      fixed.add(i);
      rest -= BigInt(floorOf(children[i].code));
    }
  }

  const allocations: Record<string, number> = {};
  const free = children.map((_, i) => i).filter((i) => !fixed.has(i));
  const shares = largestRemainder(
    Number(rest),
    free.map((i) => weights[i]),
  );
  children.forEach((c, i) => {
    allocations[c.code] = fixed.has(i) ? floorOf(c.code) : 0;
  });
  free.forEach((i, k) => {
    allocations[children[i].code] = shares[k];
  });
  return { ok: true, allocations };
}

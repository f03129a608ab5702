// Money in Vietnamese words, as a receipt (biên lai thu tiền) writes it under the figure:
// 3,960,000 → "Ba triệu chín trăm sáu mươi nghìn đồng". Pure; whole VND, 0 … 10^15.
//
// Reading rules (the usual accounting reading):
// - digits in groups of three: nghìn, triệu, tỷ; above tỷ the groups repeat ("một nghìn tỷ");
// - an all-zero group is skipped; a group after the first reads its hundreds even when zero
//   ("một triệu không trăm linh năm nghìn");
// - tens: "mười" for 1, "x mươi" otherwise; a unit after a zero ten is "linh" + unit;
// - units: 1 after a ten of 2 or more is "mốt", 5 after any ten is "lăm".

const DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];
const GROUPS = ["", "nghìn", "triệu"];

/** Reads 0 < n < 1000; `full` reads zero hundreds and "linh" (a group after the leading one). */
function readTriple(n: number, full: boolean): string[] {
  const h = Math.floor(n / 100),
    t = Math.floor(n / 10) % 10,
    u = n % 10;
  const w: string[] = [];
  if (h > 0 || full) w.push(DIGITS[h], "trăm");
  if (t === 0) {
    if (u > 0 && w.length > 0) w.push("linh");
  } else if (t === 1) {
    w.push("mười");
  } else {
    w.push(DIGITS[t], "mươi");
  }
  if (u > 0) {
    if (u === 1 && t >= 2) w.push("mốt");
    else if (u === 5 && t >= 1) w.push("lăm");
    else w.push(DIGITS[u]);
  }
  return w;
}

/** Words for 0 < n < 10^9 (three groups); `full` when a higher group precedes. */
function readBelowBillion(n: number, full: boolean): string[] {
  const w: string[] = [];
  let first = !full;
  for (let g = 2; g >= 0; g--) {
    const part = Math.floor(n / 1000 ** g) % 1000;
    if (part === 0) continue;
    w.push(...readTriple(part, !first), ...(GROUPS[g] ? [GROUPS[g]] : []));
    first = false;
  }
  return w;
}

function readNumber(n: number): string[] {
  if (n < 1_000_000_000) return readBelowBillion(n, false);
  const billions = Math.floor(n / 1_000_000_000),
    rest = n % 1_000_000_000;
  const w = [...readNumber(billions), "tỷ"];
  if (rest > 0) w.push(...readBelowBillion(rest, true));
  return w;
}

/** "Ba triệu chín trăm sáu mươi nghìn đồng"; 0 → "Không đồng". */
export function amountInWords(vnd: number): string {
  if (!Number.isSafeInteger(vnd) || vnd < 0 || vnd >= 1e15) throw new RangeError(`not a whole VND amount: ${vnd}`);
  const words = vnd === 0 ? ["không"] : readNumber(vnd);
  const s = [...words, "đồng"].join(" ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

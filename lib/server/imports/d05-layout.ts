// The importer's second layout (issue 13 item 3): a D05-TS list ("Danh sách người tham gia BHXH tự
// nguyện") as our own export writes it (lib/server/paperwork/d05-xlsx.ts) or as agents' software lays it
// out: heading rows, a two-row caption, the row of column numbers A, B, C, 1 … 17, the section rows
// "I / Tăng", "I.1 / Người tham gia", one row per payment, "Cộng I.1" / "Tổng cộng" and the signature block.
//
// It is recognised by its row of column numbers. Each payment row becomes a row of the template's fields
// (what the list carries, plus what can be told from it — sex from the ID number, the payment period from
// the months, the agent from the heading, the commune from the address, the subsidy group from the support
// rate), and goes through the same pipeline as the template's rows: the registration schema, the checks,
// the preview, the report and the idempotency (a person already registered in the caller's area is
// skipped). What the list cannot say (the date of birth) comes from extra columns to the right of
// column 17, headed like the template's columns ("Ngày sinh", "Mã xã", …). docs/features/import-and-renewals.md
// has the mapping.
import "server-only";
import { D05_COLUMNS, type D05Row } from "@/lib/domain/d05";
import { policyAt, type PolicyTables } from "@/lib/domain/policy";
import { toSearchForm } from "@/lib/domain/text";
import { SUBSIDY_GROUPS, type SubsidyGroup } from "@/lib/domain/types";
import { d05ImportEn, d05ImportVi } from "@/lib/i18n/areas/paperwork";
import { enrollmentEn, enrollmentVi } from "@/lib/i18n/areas/enrollment";
import { fill, type Locale } from "@/lib/i18n/locale";
import { parseDateInput, parseVndInput } from "@/lib/validation/enrollee";
import { defaultLimits, excelSerialToIso, readCells, rowsWithHeader, SpreadsheetError, type SheetRow } from "../files/spreadsheet";

type Rec = { line: number; cells: string[] };
type Issue = { field: string; message: string };

/** What a D05 row said about amounts, checked against the calculator once the row's policy is known. */
export type D05Expect = {
  fromMonth: string;
  amountDue: number | null;
  paidByParticipant: number | null;
  stateAmount: number | null;
  localAmount: number | null;
};
/** A row of either layout; a D05 row brings what its conversion found wrong and the amounts it stated. */
export type SourceRow = SheetRow & {
  issues?: Issue[];
  /** fields whose schema message would only repeat an issue above (no period without valid months…) */
  hide?: string[];
  expect?: D05Expect;
};

export type D05Context = {
  locale: Locale;
  /** header text → the template's field (imports.ts: the same table as the template's headers) */
  fieldOfHeader: (header: string) => string | undefined;
  agents: Map<string, { communes: Set<string> }>;
  communes: { code: string; provinceCode: string; searchName: string }[];
  tables: PolicyTables;
};

export type ImportSource =
  { layout: "template"; rows: AsyncGenerator<SourceRow> } | { layout: "d05"; rows: AsyncGenerator<SourceRow>; headers: string[]; columns: Map<string, string> };

const NUMBERS = D05_COLUMNS.map((c) => c.no);
/** The caption of a column in the report and in row messages: "4. Số biên lai", "10. NSNN hỗ trợ – Tỷ lệ (%)". */
export const d05Caption = (c: (typeof D05_COLUMNS)[number]) => (c.group ? `${c.no}. ${c.group} – ${c.label}` : `${c.no}. ${c.label}`);
const CAPTION = Object.fromEntries(D05_COLUMNS.map((c) => [c.key, d05Caption(c)])) as Record<keyof D05Row, string>;
const HEAD_ROWS = 40; // the number row must come within the first 40 non-empty rows

const isNumberRow = (cells: string[]) => NUMBERS.every((n, i) => (cells[i] ?? "").trim().toUpperCase() === n);

/** The file's layout and its rows. A file without the D05-TS row of column numbers is read as the template. */
export async function openImportSource(file: { name: string; data: Uint8Array }, ctx: () => Promise<D05Context>): Promise<ImportSource> {
  const it = readCells(file)[Symbol.asyncIterator]();
  const head: Rec[] = [];
  let numberAt = -1;
  while (head.length < HEAD_ROWS) {
    const n = await it.next();
    if (n.done) break;
    if (n.value.cells.every((c) => c === "")) continue;
    head.push(n.value);
    if (isNumberRow(n.value.cells)) {
      numberAt = head.length - 1;
      break;
    }
  }
  async function* rest(from: Rec[]): AsyncGenerator<Rec> {
    yield* from;
    for (;;) {
      const n = await it.next();
      if (n.done) return;
      yield n.value;
    }
  }
  if (numberAt < 0) return { layout: "template", rows: rowsWithHeader(rest(head)) };
  return d05Rows(head, numberAt, rest([]), await ctx(), /\.xlsx$/i.test(file.name));
}

function d05Rows(head: Rec[], numberAt: number, records: AsyncGenerator<Rec>, ctx: D05Context, xlsx: boolean): ImportSource {
  const t = ctx.locale === "en" ? d05ImportEn : d05ImportVi;
  const tv = ctx.locale === "en" ? enrollmentEn : enrollmentVi;
  // the heading: "Mã đại lý thu: DL001" (a dash when the list is a unit's)
  let agentCode = "";
  for (const r of head.slice(0, numberAt)) {
    for (const c of r.cells) {
      const m = /^\s*m[aã] đại lý thu\s*:\s*(\S.*)$/iu.exec(c.normalize("NFC"));
      if (m && /^[\p{L}\p{N}._\-/]+$/u.test(m[1].trim())) agentCode = m[1].trim().toUpperCase();
    }
  }
  // extra columns right of column 17: their header, from the caption rows (the last non-empty text above the numbers)
  const width = Math.max(...head.slice(Math.max(0, numberAt - 2), numberAt + 1).map((r) => r.cells.length));
  const extra = new Map<number, string>();
  for (let i = NUMBERS.length; i < width; i++) {
    for (let r = numberAt; r >= Math.max(0, numberAt - 2); r--) {
      const h = (head[r].cells[i] ?? "").normalize("NFC").replace(/\s+/g, " ").trim();
      if (h) {
        extra.set(i, h);
        break;
      }
    }
  }
  const D = t.derived;
  const columns = new Map<string, string>([
    ["fullName", CAPTION.fullName],
    ["siCode", CAPTION.siCode],
    ["personalId", CAPTION.personalId],
    ["address", CAPTION.address],
    ["paidOn", CAPTION.receiptDate],
    ["receiptNo", CAPTION.receiptNo],
    ["declaredIncome", CAPTION.declaredIncome],
    ["months", CAPTION.months],
    ["sex", D.sex],
    ["paymentPeriod", D.paymentPeriod],
    ["agentCode", D.agentCode],
    ["communeCode", D.communeCode],
    ["subsidyGroup", D.subsidyGroup],
    ["occupation", D.occupation],
    ["method", D.method],
    // the row checks' own fields (D05Expect)
    ["fromMonth", CAPTION.fromMonth],
    ["amountDue", CAPTION.amountDue],
    ["paidByParticipant", CAPTION.paidByParticipant],
    ["stateAmount", CAPTION.stateAmount],
    ["localAmount", CAPTION.localAmount],
  ]);
  const given = new Set<string>(); // fields an extra column gives
  for (const h of extra.values()) {
    const f = ctx.fieldOfHeader(h);
    if (f) {
      columns.set(f, h);
      given.add(f);
    }
  }
  // the report shows what was told from the list too (the derived columns), then the extra columns
  const derived = (Object.keys(D) as (keyof typeof D)[]).filter((f) => !given.has(f)).map((f) => D[f]);
  const headers = [...D05_COLUMNS.map(d05Caption), ...derived, ...extra.values()];

  async function* rows(): AsyncGenerator<SourceRow> {
    let count = 0;
    const maxRows = defaultLimits().maxRows;
    for await (const r of records) {
      const cell = (i: number) => (r.cells[i] ?? "").normalize("NFC").trim();
      if (r.cells.every((c) => c === "")) continue;
      const a = cell(0),
        b = cell(1);
      if (/^tổng cộng/iu.test(b)) return; // the signature block follows
      if (/^(I|II|III|IV|V|I\.\d+|II\.\d+)$/i.test(a) || /^cộng\b/iu.test(b)) continue; // section and subtotal rows
      if (!/^\d+$/.test(a) && !cell(3) && !cell(6)) continue; // not a payment row (no ID number, no receipt)
      if (++count > maxRows) {
        throw new SpreadsheetError(
          "too_many_rows",
          `Tệp có quá nhiều dòng: tối đa ${maxRows.toLocaleString("vi-VN")} dòng dữ liệu.`,
          `The file has too many rows: at most ${maxRows.toLocaleString("en-US")} data rows.`,
        );
      }
      yield convert(r.line, cell);
    }
  }

  function convert(line: number, cell: (i: number) => string): SourceRow {
    const values: Record<string, string> = {};
    D05_COLUMNS.forEach((c, i) => (values[d05Caption(c)] = cell(i)));
    for (const [i, h] of extra) values[h] = cell(i);
    const issues: Issue[] = [];
    const hide: string[] = [];
    const at = (key: keyof D05Row) => cell(D05_COLUMNS.findIndex((c) => c.key === key));
    const ext = (f: string) => (given.has(f) ? (values[columns.get(f)!] ?? "") : undefined);

    // sex: digit 4 of the ID number (0, 2, 4 male; 1, 3, 5 female), which the schema checks against the date of birth
    const id = at("personalId").replace(/[\s.\-]/g, "");
    if (!given.has("sex")) values[D.sex] = /^\d{12}$/.test(id) && Number(id[3]) < 6 ? tv.sex[Number(id[3]) % 2 ? "FEMALE" : "MALE"] : "";
    // the payment period from the months
    if (!given.has("paymentPeriod")) {
      const m = /^\d{1,2}$/.test(at("months")) ? Number(at("months")) : NaN;
      const period = m === 1 ? "MONTHLY" : m === 3 ? "QUARTERLY" : m === 6 ? "SEMIANNUAL" : m === 12 ? "ANNUAL" : m >= 1 && m <= 60 ? "ADVANCE" : null;
      values[D.paymentPeriod] = period ? tv.period[period] : "";
      if (!period) {
        issues.push({ field: "months", message: t.badMonths });
        hide.push("paymentPeriod");
      }
    }
    if (!given.has("agentCode")) {
      values[D.agentCode] = agentCode;
      if (!agentCode) issues.push({ field: "agentCode", message: t.noAgent });
    }
    if (!given.has("occupation")) values[D.occupation] = tv.occupation.OTHER;
    if (!given.has("method")) values[D.method] = tv.method.CASH;
    if (!given.has("dateOfBirth")) issues.push({ field: "dateOfBirth", message: t.noBirthDate });

    // the commune: the longest commune name in the address, among the agent's communes
    let commune: D05Context["communes"][number] | undefined;
    const givenCommune = ext("communeCode");
    if (givenCommune !== undefined) commune = ctx.communes.find((c) => c.code === givenCommune.padStart(5, "0"));
    else {
      const served = ctx.agents.get(agentCode)?.communes;
      const pool = served ? ctx.communes.filter((c) => served.has(c.code)) : ctx.communes;
      const addr = ` ${toSearchForm(at("address"))} `;
      const hits = pool.filter((c) => addr.includes(` ${c.searchName} `)).sort((x, y) => y.searchName.length - x.searchName.length);
      commune = hits.length && (hits.length === 1 || hits[0].searchName.length > hits[1].searchName.length) ? hits[0] : pool.length === 1 ? pool[0] : undefined;
      values[D.communeCode] = commune?.code ?? "";
      if (!commune) issues.push({ field: "communeCode", message: t.noCommune });
    }

    // the subsidy group: the group whose central (and local) support rate on the receipt date is the row's
    const paidOn = parseDateInput((xlsx ? excelSerialToIso(at("receiptDate")) : null) ?? at("receiptDate"));
    if (!given.has("subsidyGroup")) {
      values[D.subsidyGroup] = "";
      if (!commune || !paidOn)
        hide.push("subsidyGroup"); // told by the commune's or the date's own message
      else {
        let policy: ReturnType<typeof policyAt> | null = null;
        try {
          policy = policyAt(ctx.tables, paidOn, commune.provinceCode);
        } catch {
          policy = null; // the importer says "no policy for that date"
        }
        if (policy) {
          const bp = (s: string) => (s ? Math.round(Number(s.replace(",", ".")) * 100) : 0);
          const state = bp(at("stateRatePct")),
            local = bp(at("localRatePct"));
          let groups = SUBSIDY_GROUPS.filter((g) => policy!.subsidyBp[g] === state);
          if (groups.length > 1) groups = groups.filter((g) => policy!.provincialTopUpBp[g] === local);
          const rate = at("stateRatePct") || "—";
          if (groups.length === 1) values[D.subsidyGroup] = tv.subsidyGroup[groups[0] as SubsidyGroup];
          else if (groups.length === 0 || Number.isNaN(state)) issues.push({ field: "subsidyGroup", message: fill(t.noRate, { rate }) });
          else
            issues.push({
              field: "subsidyGroup",
              message: fill(t.ambiguousRate, { rate, groups: groups.map((g) => tv.subsidyGroup[g as SubsidyGroup]).join("; ") }),
            });
        }
      }
    }
    const amount = (key: keyof D05Row) => (at(key) === "" ? null : parseVndInput(at(key)));
    const expect: D05Expect = {
      fromMonth: at("fromMonth"),
      amountDue: amount("amountDue"),
      paidByParticipant: amount("paidByParticipant"),
      stateAmount: amount("stateAmount") ?? 0,
      localAmount: amount("localAmount") ?? 0,
    };
    return { line, values, issues, hide, expect };
  }

  return { layout: "d05", rows: rows(), headers, columns };
}

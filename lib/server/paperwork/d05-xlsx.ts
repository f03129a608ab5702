// The D05-TS list as an Excel workbook in the form's layout (Decision 505/QĐ-BHXH, amended by
// 490/QĐ-BHXH): heading (agent, code, unit, period), two header rows, the row of column numbers
// (A, B, C, 1 … 17), the section rows "I. Tăng" / "I.1. Người tham gia", one row per payment, the
// totals and the signature block. A4 landscape, fitted to the page width. Text cells are neutralised
// against formula injection like every other export.
import "server-only";
import ExcelJS from "exceljs";
import { D05_COLUMNS, type D05Row } from "@/lib/domain/d05";
import { formatDate } from "@/lib/i18n/format";
import { neutraliseFormula } from "../files/spreadsheet";
import type { D05List } from "./d05";

/** Row numbers of the layout, for readers (tests, the D05 importer). */
export const D05_LAYOUT = { headerRow: 8, subHeaderRow: 9, numberRow: 10, sectionRow: 11, groupRow: 12, firstDataRow: 13 } as const;
const WIDTHS = [5, 24, 12, 15, 30, 11, 12, 13, 7, 9, 13, 13, 7, 11, 7, 11, 7, 9, 11, 10];
const MONEY = "#,##0";
const NCOL = D05_COLUMNS.length; // 20

export function d05PeriodLabel(l: Pick<D05List, "month" | "from" | "to">): string {
  if (l.month) return `Tháng ${l.month.slice(5, 7)} năm ${l.month.slice(0, 4)}`;
  return `Từ ngày ${formatDate(l.from)} đến ngày ${formatDate(l.to)}`;
}

export function d05Filename(l: Pick<D05List, "month" | "from" | "to" | "agent" | "unit">): string {
  const who = (l.agent?.code ?? l.unit.code).replace(/[^A-Za-z0-9.-]/g, "_");
  return `D05-TS_${who}_${l.month ?? `${l.from}_${l.to}`}.xlsx`;
}

function cellValue(r: D05Row, key: keyof D05Row): string | number | null {
  const v = r[key];
  if (key === "receiptDate") return formatDate(String(v));
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return key === "otherAmount" && v === 0 ? null : v;
  return v === "" ? null : neutraliseFormula(String(v));
}

export async function d05Workbook(l: D05List): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "BHXH tự nguyện";
  const ws = wb.addWorksheet("D05-TS", {
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.3, right: 0.3, top: 0.4, bottom: 0.4, header: 0.2, footer: 0.2 },
    },
    views: [{ state: "frozen", ySplit: D05_LAYOUT.numberRow }],
  });
  ws.columns = WIDTHS.map((width) => ({ width }));
  const bold = { bold: true };
  const border: Partial<ExcelJS.Borders> = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };
  const center: Partial<ExcelJS.Alignment> = { horizontal: "center", vertical: "middle", wrapText: true };

  // heading
  ws.getCell("A1").value = neutraliseFormula(`Tên đại lý thu: ${l.agent ? l.agent.name : "—"}`);
  ws.getCell("A2").value = neutraliseFormula(`Mã đại lý thu: ${l.agent ? l.agent.code : "—"}`);
  ws.getCell("A3").value = neutraliseFormula(
    `Đơn vị: ${[l.unit.fullName, l.province && l.province.code !== l.unit.code ? l.province.fullName : null].filter(Boolean).join(", ")}`,
  );
  for (const a of ["A1", "A2", "A3"]) ws.getCell(a).font = bold;
  ws.mergeCells(1, 17, 1, NCOL);
  ws.getCell(1, 17).value = "Mẫu D05-TS";
  ws.getCell(1, 17).font = bold;
  ws.getCell(1, 17).alignment = { horizontal: "center" };
  ws.mergeCells(2, 15, 3, NCOL);
  ws.getCell(2, 15).value = "(Ban hành kèm theo QĐ số 505/QĐ-BHXH ngày 27/3/2020, sửa đổi theo QĐ số 490/QĐ-BHXH ngày 28/3/2023 của BHXH Việt Nam)";
  ws.getCell(2, 15).alignment = { ...center, vertical: "top" };
  ws.getCell(2, 15).font = { italic: true, size: 9 };
  ws.mergeCells(5, 1, 5, NCOL);
  ws.getCell(5, 1).value = "DANH SÁCH NGƯỜI THAM GIA BHXH TỰ NGUYỆN";
  ws.getCell(5, 1).font = { bold: true, size: 14 };
  ws.getCell(5, 1).alignment = { horizontal: "center" };
  ws.mergeCells(6, 1, 6, NCOL);
  ws.getCell(6, 1).value = d05PeriodLabel(l);
  ws.getCell(6, 1).alignment = { horizontal: "center" };

  // header rows: a two-row caption, the support groups spanning two columns each
  const H = D05_LAYOUT.headerRow,
    S = D05_LAYOUT.subHeaderRow,
    N = D05_LAYOUT.numberRow;
  D05_COLUMNS.forEach((c, i) => {
    const col = i + 1;
    if (c.group) {
      if (i === 0 || D05_COLUMNS[i - 1].group !== c.group) {
        ws.mergeCells(H, col, H, col + 1);
        ws.getCell(H, col).value = c.group;
      }
      ws.getCell(S, col).value = c.label;
    } else {
      ws.mergeCells(H, col, S, col);
      ws.getCell(H, col).value = c.label;
    }
    ws.getCell(N, col).value = c.no;
  });
  for (const r of [H, S, N]) {
    for (let col = 1; col <= NCOL; col++) {
      const cell = ws.getCell(r, col);
      cell.font = r === N ? { italic: true } : bold;
      cell.alignment = center;
      cell.border = border;
    }
  }
  ws.getRow(H).height = 30;
  ws.getRow(S).height = 30;

  const put = (rowNo: number, values: (string | number | null)[], font?: Partial<ExcelJS.Font>) => {
    values.forEach((v, i) => {
      const cell = ws.getCell(rowNo, i + 1);
      cell.value = v;
      cell.border = border;
      if (font) cell.font = font;
      const key = D05_COLUMNS[i].key;
      if (typeof v === "number" && ["declaredIncome", "amountDue", "paidByParticipant", "stateAmount", "localAmount", "otherAmount"].includes(key))
        cell.numFmt = MONEY;
      if (typeof v === "number" && key.endsWith("RatePct")) cell.numFmt = "0.##";
    });
  };
  const blankRow = () => Array<string | number | null>(NCOL).fill(null);

  let r = D05_LAYOUT.sectionRow;
  put(r++, Object.assign(blankRow(), { 0: "I", 1: "Tăng" }), bold);
  put(r++, Object.assign(blankRow(), { 0: "I.1", 1: "Người tham gia" }), bold);
  for (const row of l.rows)
    put(
      r++,
      D05_COLUMNS.map((c) => cellValue(row, c.key)),
    );

  const totalsRow = (label: string) => {
    const v = blankRow();
    v[1] = label;
    const idx = (k: string) => D05_COLUMNS.findIndex((c) => c.key === k);
    v[idx("months")] = l.totals.months;
    v[idx("amountDue")] = l.totals.amountDue;
    v[idx("paidByParticipant")] = l.totals.paidByParticipant;
    v[idx("stateAmount")] = l.totals.stateAmount;
    v[idx("localAmount")] = l.totals.localAmount;
    v[idx("otherAmount")] = l.totals.otherAmount || null;
    v[idx("note")] = `${l.totals.people} người`;
    return v;
  };
  put(r++, totalsRow("Cộng I.1"), bold);
  put(r++, totalsRow("Tổng cộng"), bold);

  // signature block
  r += 1;
  ws.mergeCells(r, 14, r, NCOL);
  ws.getCell(r, 14).value = "……………, ngày …… tháng …… năm ………";
  ws.getCell(r, 14).alignment = { horizontal: "center" };
  ws.getCell(r, 14).font = { italic: true };
  r += 1;
  ws.mergeCells(r, 2, r, 5);
  ws.getCell(r, 2).value = "Người lập biểu";
  ws.mergeCells(r, 14, r, NCOL);
  ws.getCell(r, 14).value = "Đại diện đại lý thu";
  for (const c of [2, 14]) {
    ws.getCell(r, c).font = bold;
    ws.getCell(r, c).alignment = { horizontal: "center" };
  }
  r += 1;
  ws.mergeCells(r, 2, r, 5);
  ws.getCell(r, 2).value = "(Ký, ghi rõ họ tên)";
  ws.mergeCells(r, 14, r, NCOL);
  ws.getCell(r, 14).value = "(Ký, đóng dấu, ghi rõ họ tên)";
  for (const c of [2, 14]) {
    ws.getCell(r, c).font = { italic: true };
    ws.getCell(r, c).alignment = { horizontal: "center" };
  }

  ws.pageSetup.printTitlesRow = `${H}:${N}`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

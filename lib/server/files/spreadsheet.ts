// The one spreadsheet module: reading uploaded CSV/XLSX row by row, and writing CSV/XLSX exports.
// Uploaded files are hostile until proven otherwise: size, zip-bomb, row/column and encoding limits
// are checked here, so every importer (enrollees, labour force, …) gets them for free.
// Every export neutralises spreadsheet formulas (CSV/formula injection: "=HYPERLINK(…)" in a name).
import "server-only";
import { PassThrough, Readable } from "node:stream";
import zlib from "node:zlib";
import ExcelJS from "exceljs";
import { formatDate } from "@/lib/i18n/format";
import { config } from "../env";

export type SheetRow = { line: number; values: Record<string, string> }; // header text (trimmed, NFC) → cell text
export type Column = { key: string; label: string; type?: "text" | "number" | "date" | "money" };

export type SpreadsheetLimits = {
  /** Upload size in bytes (default 20 MB, or SPREADSHEET_MAX_BYTES). */
  maxBytes: number;
  /** Data rows after the header (default 100,000, or SPREADSHEET_MAX_ROWS). */
  maxRows: number;
  /** Columns of the header / cells per row (default 100). */
  maxColumns: number;
  /** Characters in one cell (default 5,000). */
  maxCellChars: number;
  /** XLSX: total uncompressed size of the zip's entries (default 250 MB) and their number (default 500). */
  maxUncompressedBytes: number;
  maxZipEntries: number;
};

export function defaultLimits(): SpreadsheetLimits {
  return {
    maxBytes: config().SPREADSHEET_MAX_BYTES,
    maxRows: config().SPREADSHEET_MAX_ROWS,
    maxColumns: 100,
    maxCellChars: 5_000,
    maxUncompressedBytes: 250 * 1024 * 1024,
    maxZipEntries: 500,
  };
}

/** A file we refuse to read; `message` is Vietnamese (shown to the user as is), `en` for the English UI. */
export class SpreadsheetError extends Error {
  constructor(
    public readonly code: "too_large" | "encoding" | "format" | "too_many_rows" | "too_many_columns" | "zip_bomb" | "empty",
    message: string,
    public readonly en: string,
  ) {
    super(message);
    this.name = "SpreadsheetError";
  }
}

export function spreadsheetKind(name: string, data: Uint8Array): "csv" | "xlsx" {
  const isZip = data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
  if (isZip) return "xlsx";
  if (/\.xlsx$/i.test(name))
    throw new SpreadsheetError("format", "Tệp .xlsx bị hỏng hoặc không phải tệp Excel.", "The .xlsx file is damaged or not an Excel file.");
  if (/\.xls$/i.test(name) || (data[0] === 0xd0 && data[1] === 0xcf)) {
    throw new SpreadsheetError(
      "format",
      "Định dạng .xls (Excel 97–2003) không được hỗ trợ: hãy lưu lại thành .xlsx hoặc CSV UTF-8.",
      "The .xls (Excel 97–2003) format is not supported: save the file as .xlsx or CSV UTF-8.",
    );
  }
  return "csv";
}

/** Rows of the first sheet (XLSX) or of the file (CSV), after its header row, empty rows skipped.
 *  `line` is the row number a spreadsheet program shows (header = the first non-empty row). */
export async function* readRows(file: { name: string; data: Uint8Array }, limits: Partial<SpreadsheetLimits> = {}): AsyncGenerator<SheetRow> {
  yield* rowsWithHeader(readCells(file, limits), limits);
}

/** The records of a file as cells (no header handling), with the same limits as readRows; for layouts
 *  whose header is not the first row (the D05-TS list, lib/server/imports/d05-layout.ts). */
export async function* readCells(
  file: { name: string; data: Uint8Array },
  limits: Partial<SpreadsheetLimits> = {},
): AsyncGenerator<{ line: number; cells: string[] }> {
  const lim = { ...defaultLimits(), ...limits };
  if (file.data.length > lim.maxBytes) {
    const mb = Math.round(lim.maxBytes / 1024 / 1024);
    throw new SpreadsheetError("too_large", `Tệp quá lớn: tối đa ${mb} MB.`, `The file is too large: at most ${mb} MB.`);
  }
  if (file.data.length === 0) throw new SpreadsheetError("empty", "Tệp rỗng.", "The file is empty.");
  yield* spreadsheetKind(file.name, file.data) === "xlsx" ? xlsxCells(file.data, lim) : csvCells(file.data, lim);
}

/** Records → rows keyed by the first non-empty record (the header), with the column and row limits. */
export function rowsWithHeader(records: AsyncGenerator<{ line: number; cells: string[] }>, limits: Partial<SpreadsheetLimits> = {}): AsyncGenerator<SheetRow> {
  return withHeader(records, { ...defaultLimits(), ...limits });
}

// ------------------------------------------------------------------ common: header → records

async function* withHeader(records: AsyncGenerator<{ line: number; cells: string[] }>, lim: SpreadsheetLimits): AsyncGenerator<SheetRow> {
  let header: string[] | null = null;
  let rows = 0;
  for await (const { line, cells } of records) {
    if (cells.length > lim.maxColumns) {
      throw new SpreadsheetError(
        "too_many_columns",
        `Dòng ${line} có quá nhiều cột (tối đa ${lim.maxColumns}).`,
        `Row ${line} has too many columns (at most ${lim.maxColumns}).`,
      );
    }
    if (cells.every((c) => c === "")) continue;
    if (!header) {
      header = cells.map((c) => c.normalize("NFC").replace(/\s+/g, " ").trim());
      continue;
    }
    if (++rows > lim.maxRows) {
      throw new SpreadsheetError(
        "too_many_rows",
        `Tệp có quá nhiều dòng: tối đa ${lim.maxRows.toLocaleString("vi-VN")} dòng dữ liệu.`,
        `The file has too many rows: at most ${lim.maxRows.toLocaleString("en-US")} data rows.`,
      );
    }
    const values: Record<string, string> = {};
    header.forEach((h, i) => {
      if (h && !(h in values)) values[h] = (cells[i] ?? "").normalize("NFC").trim();
    });
    yield { line, values };
  }
  if (!header) throw new SpreadsheetError("empty", "Tệp không có dữ liệu (không tìm thấy dòng tiêu đề).", "The file has no data (no header row found).");
}

function cellTooLong(line: number, lim: SpreadsheetLimits): SpreadsheetError {
  return new SpreadsheetError(
    "format",
    `Dòng ${line} có ô dài quá ${lim.maxCellChars} ký tự.`,
    `Row ${line} has a cell longer than ${lim.maxCellChars} characters.`,
  );
}

// ------------------------------------------------------------------------------------- CSV

/** Decodes UTF-8 (BOM optional) in chunks and splits RFC 4180 records; the delimiter (; , or tab)
 *  is the most frequent one in the header line. Quoted fields may hold delimiters, quotes ("") and newlines. */
async function* csvCells(data: Uint8Array, lim: SpreadsheetLimits): AsyncGenerator<{ line: number; cells: string[] }> {
  if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) {
    throw new SpreadsheetError(
      "encoding",
      "Tệp không phải UTF-8 (đang là UTF-16). Trong Excel chọn Lưu thành › CSV UTF-8.",
      "The file is not UTF-8 (it is UTF-16). In Excel choose Save as › CSV UTF-8.",
    );
  }
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  const CHUNK = 1 << 20;
  let delimiter: string | null = null;
  let pending = ""; // text before the delimiter is known
  let cells: string[] = [];
  let field = "";
  let inQuotes = false;
  let quoteSeen = false; // the previous char closed or escaped a quote (inside a quoted field)
  let line = 1; // the record number = spreadsheet row
  let fieldStarted = false;

  const decode = (part: Uint8Array, last: boolean): string => {
    try {
      return decoder.decode(part, { stream: !last });
    } catch {
      throw new SpreadsheetError(
        "encoding",
        "Tệp không phải UTF-8 — có thể đã lưu bằng bảng mã cũ (Windows-1258/TCVN3). Trong Excel chọn Lưu thành › CSV UTF-8 (phân cách bằng dấu phẩy), rồi tải lên lại.",
        "The file is not UTF-8 — it may be saved in a legacy code page (Windows-1258/TCVN3). In Excel choose Save as › CSV UTF-8, then upload again.",
      );
    }
  };

  function* feed(text: string): Generator<{ line: number; cells: string[] }> {
    const d = delimiter!;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (inQuotes) {
        if (quoteSeen) {
          quoteSeen = false;
          if (ch === '"') {
            field += '"';
            continue;
          }
          inQuotes = false; // the quote closed the field: fall through to the unquoted handling
        } else if (ch === '"') {
          quoteSeen = true;
          continue;
        } else {
          field += ch;
          if (field.length > lim.maxCellChars) throw cellTooLong(line, lim);
          continue;
        }
      }
      if (ch === '"' && !fieldStarted) {
        inQuotes = true;
        fieldStarted = true;
        continue;
      }
      if (ch === d) {
        cells.push(field);
        field = "";
        fieldStarted = false;
        if (cells.length > lim.maxColumns)
          throw new SpreadsheetError(
            "too_many_columns",
            `Dòng ${line} có quá nhiều cột (tối đa ${lim.maxColumns}).`,
            `Row ${line} has too many columns (at most ${lim.maxColumns}).`,
          );
        continue;
      }
      if (ch === "\r") continue; // CRLF or stray CR
      if (ch === "\n") {
        cells.push(field);
        yield { line, cells };
        line++;
        cells = [];
        field = "";
        fieldStarted = false;
        continue;
      }
      field += ch;
      fieldStarted = true;
      if (field.length > lim.maxCellChars) throw cellTooLong(line, lim);
    }
  }

  for (let off = 0; off < data.length || off === 0; off += CHUNK) {
    const last = off + CHUNK >= data.length;
    let text = decode(data.subarray(off, Math.min(off + CHUNK, data.length)), last);
    if (delimiter === null) {
      pending += text;
      const nl = firstLineEnd(pending);
      if (nl < 0 && !last && pending.length < 1_000_000) continue;
      delimiter = detectDelimiter(pending.slice(0, nl < 0 ? pending.length : nl));
      text = pending;
      pending = "";
    }
    yield* feed(text);
    if (last) break;
  }
  if (inQuotes && !quoteSeen) {
    throw new SpreadsheetError(
      "format",
      `Tệp CSV lỗi: dấu ngoặc kép mở ở dòng ${line} không được đóng.`,
      `Malformed CSV: a quote opened on row ${line} is never closed.`,
    );
  }
  if (field !== "" || cells.length > 0 || fieldStarted) {
    cells.push(field);
    yield { line, cells };
  }
}

/** The end of the first line outside quotes, or -1. */
function firstLineEnd(s: string): number {
  let q = false;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '"') q = !q;
    else if (s[i] === "\n" && !q) return i;
  }
  return -1;
}

function detectDelimiter(headerLine: string): string {
  const count = (d: string) => {
    let n = 0,
      q = false;
    for (const ch of headerLine) {
      if (ch === '"') q = !q;
      else if (ch === d && !q) n++;
    }
    return n;
  };
  const candidates = [",", ";", "\t"].map((d) => ({ d, n: count(d) }));
  candidates.sort((a, b) => b.n - a.n);
  return candidates[0].n > 0 ? candidates[0].d : ",";
}

// ------------------------------------------------------------------------------------ XLSX

/** Reads the zip's central directory and inflates every entry once, counting bytes, before exceljs sees it:
 *  a zip bomb (tiny file, gigabytes of XML) is refused without ever holding the inflated data. */
async function checkZip(data: Uint8Array, lim: SpreadsheetLimits): Promise<Map<string, ZipPart>> {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const bad = () => new SpreadsheetError("format", "Tệp Excel bị hỏng (cấu trúc nén không hợp lệ).", "The Excel file is damaged (invalid zip structure).");
  const bomb = () =>
    new SpreadsheetError(
      "zip_bomb",
      "Tệp Excel có dữ liệu giải nén quá lớn hoặc bất thường — không thể xử lý.",
      "The Excel file expands to too much data or is abnormal — refused.",
    );
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bad();
  const entries = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff) throw bomb(); // ZIP64: far beyond any sane upload
  if (entries > lim.maxZipEntries) throw bomb();
  let p = cdOffset;
  let declared = 0;
  const parts: ZipPart[] = [];
  for (let k = 0; k < entries; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw bad();
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const usize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    if (csize === 0xffffffff || usize === 0xffffffff) throw bomb();
    declared += usize;
    if (declared > lim.maxUncompressedBytes) throw bomb();
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw bad();
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + csize > buf.length) throw bad();
    if (method !== 0 && method !== 8) throw bad();
    parts.push({ name: buf.toString("utf8", p + 46, p + 46 + nameLen), method, start, size: csize });
    p += 46 + nameLen + extraLen + commentLen;
  }
  // the declared sizes may lie: inflate for real, discarding the output, within the budget
  let budget = lim.maxUncompressedBytes;
  for (const part of parts) {
    const slice = buf.subarray(part.start, part.start + part.size);
    budget -= part.method === 0 ? part.size : await inflatedSize(slice, budget, bomb, bad);
    if (budget < 0) throw bomb();
  }
  return new Map(parts.map((part) => [part.name, part]));
}

type ZipPart = { name: string; method: number; start: number; size: number };

/** One part of the (already checked) zip, inflated as a stream. */
function partStream(data: Uint8Array, part: ZipPart): Readable {
  const src = Readable.from([Buffer.from(data.buffer, data.byteOffset + part.start, part.size)], { objectMode: false });
  return part.method === 0 ? src : src.pipe(zlib.createInflateRaw());
}

/** The part readers of exceljs's streaming WorkbookReader. Its own `parse()` walks the zip with unzipper, whose
 *  Parse stream signals "end" when its input is written rather than when its entries are read: with the worksheets
 *  stored before the workbook part (as exceljs itself writes them) and a busy CPU, the parts after the worksheets
 *  were dropped and a valid file was refused as damaged (about 9 reads in 10 under load). We walk the zip ourselves
 *  (checkZip already read its directory) and hand each part to exceljs in the order it needs them. */
type PartReaders = {
  model?: { sheets?: { id: number; name: string; rId: string }[] };
  workbookRels?: { Id: string; Target: string; Type: string }[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
};

/** The rows of the workbook's first sheet (its first tab, whatever the order of the parts in the zip). */
async function firstSheetRows(data: Uint8Array, parts: Map<string, ZipPart>): Promise<AsyncIterable<ExcelJS.Row>> {
  const bad = () => new Error("not an xlsx workbook");
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(new PassThrough(), {
    sharedStrings: "cache",
    styles: "cache", // styles tell date cells from numbers
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  }) as unknown as PartReaders;
  const part = (name: string) => parts.get(name.replace(/^\//, ""));
  const partOf = (rel: { Target: string }) => part(rel.Target.startsWith("/") ? rel.Target : `xl/${rel.Target}`); // relative to xl/
  const rels = part("xl/_rels/workbook.xml.rels");
  const book = part("xl/workbook.xml");
  if (!rels || !book) throw bad();
  await reader._parseRels(partStream(data, rels));
  await reader._parseWorkbook(partStream(data, book));
  const target = (type: string, fallback: string) => {
    const rel = reader.workbookRels?.find((r) => r.Type?.endsWith(`/${type}`));
    return rel ? partOf(rel) : part(fallback);
  };
  const strings = target("sharedStrings", "xl/sharedStrings.xml");
  if (strings) for await (const _ of reader._parseSharedStrings(partStream(data, strings))); // cached on the reader
  const styles = target("styles", "xl/styles.xml");
  if (styles) await reader._parseStyles(partStream(data, styles));
  const first = reader.model?.sheets?.[0];
  const rel = first && reader.workbookRels?.find((r) => r.Id === first.rId);
  const sheet = rel && partOf(rel);
  if (!sheet) throw bad();
  for (const { value } of reader._parseWorksheet(partStream(data, sheet), String(first.id))) return value;
  throw bad();
}

function inflatedSize(compressed: Buffer, budget: number, bomb: () => Error, bad: () => Error): Promise<number> {
  return new Promise((resolve, reject) => {
    const inf = zlib.createInflateRaw();
    let n = 0;
    let done = false;
    inf.on("data", (chunk: Buffer) => {
      n += chunk.length;
      if (n > budget && !done) {
        done = true;
        inf.destroy();
        reject(bomb());
      }
    });
    inf.on("end", () => {
      if (!done) {
        done = true;
        resolve(n);
      }
    });
    inf.on("error", () => {
      if (!done) {
        done = true;
        reject(bad());
      }
    });
    inf.end(compressed);
  });
}

async function* xlsxCells(data: Uint8Array, lim: SpreadsheetLimits): AsyncGenerator<{ line: number; cells: string[] }> {
  const parts = await checkZip(data, lim);
  try {
    const sheet = await firstSheetRows(data, parts);
    let seen = 0;
    for await (const row of sheet) {
      if (++seen > lim.maxRows + 1_000) {
        throw new SpreadsheetError(
          "too_many_rows",
          `Tệp có quá nhiều dòng: tối đa ${lim.maxRows.toLocaleString("vi-VN")} dòng dữ liệu.`,
          `The file has too many rows: at most ${lim.maxRows.toLocaleString("en-US")} data rows.`,
        );
      }
      const values = row.values as unknown[];
      if (values.length - 1 > lim.maxColumns) {
        // trailing empty cells are harmless; real data beyond the limit is refused
        if (values.slice(lim.maxColumns + 1).some((v) => cellText(v) !== "")) {
          throw new SpreadsheetError(
            "too_many_columns",
            `Dòng ${row.number} có quá nhiều cột (tối đa ${lim.maxColumns}).`,
            `Row ${row.number} has too many columns (at most ${lim.maxColumns}).`,
          );
        }
      }
      const cells: string[] = [];
      for (let c = 1; c < Math.min(values.length, lim.maxColumns + 1); c++) {
        const text = cellText(values[c]);
        if (text.length > lim.maxCellChars) throw cellTooLong(row.number, lim);
        cells.push(text);
      }
      yield { line: row.number, cells };
    }
  } catch (e) {
    if (e instanceof SpreadsheetError) throw e;
    throw new SpreadsheetError(
      "format",
      "Không đọc được tệp Excel (tệp hỏng hoặc không đúng định dạng .xlsx).",
      "Cannot read the Excel file (damaged or not .xlsx).",
    );
  }
}

/** A cell value from exceljs → text: dates dd/mm/yyyy, numbers as plain digits, formulas by their result. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return plainNumber(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return isNaN(v.getTime()) ? "" : formatDate(v); // exceljs gives UTC midnight for a date cell
  if (typeof v === "object") {
    const o = v as { richText?: { text: string }[]; result?: unknown; formula?: string; text?: unknown; error?: string; sharedFormula?: string };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text ?? "").join("");
    if ("result" in o || "formula" in o || "sharedFormula" in o) return cellText(o.result);
    if ("text" in o) return cellText(o.text);
    if (o.error) return o.error;
  }
  return String(v);
}

/**
 * A number an XLSX cell holds where a date is expected (a date typed into a cell without a date format,
 * or a column formatted as number): Excel's date serial, days since 30/12/1899 (serials from 61 on, i.e.
 * after Excel's phantom 29/02/1900) → yyyy-mm-dd; anything else → null.
 */
export function excelSerialToIso(text: string): string | null {
  const m = /^\s*(\d{2,7})(?:\.\d+)?\s*$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  if (n < 61 || n > 2_958_465) return null; // 01/03/1900 … 31/12/9999
  return new Date(Date.UTC(1899, 11, 30) + n * 86_400_000).toISOString().slice(0, 10);
}

/** 1.2e+21 → "1200000000000000000000", 0.1+0.2 → "0.3"; no exponent, no grouping. */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return "";
  if (Number.isInteger(n)) return BigInt(n).toString();
  const s = String(Number(n.toPrecision(15)));
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/\.?0+$/, "");
}

// ---------------------------------------------------------------------------------- exports

/** Text a spreadsheet would run as a formula (= + - @, or a leading tab/CR) gets a leading apostrophe. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function isoOf(v: unknown): string | null {
  if (v instanceof Date) return isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v)) return v.slice(0, 10);
  return null;
}

function csvValue(col: Column, v: unknown): string {
  if (v === null || v === undefined) return "";
  const type = col.type ?? "text";
  if ((type === "number" || type === "money") && typeof v === "number") return plainNumber(v);
  if (type === "date") {
    const iso = isoOf(v);
    if (iso) return formatDate(iso);
  }
  return neutraliseFormula(v instanceof Date ? formatDate(v) : String(v));
}

/** CSV for Excel: UTF-8 BOM (so Excel reads Vietnamese correctly), CRLF, every field quoted. */
export function toCsv(columns: Column[], rows: Record<string, unknown>[]): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const out = [columns.map((c) => q(neutraliseFormula(c.label))).join(",")];
  for (const r of rows) out.push(columns.map((c) => q(csvValue(c, r[c.key]))).join(","));
  return "\uFEFF" + out.join("\r\n") + "\r\n";
}

/** XLSX with real types: numbers, dates (dd/mm/yyyy), money (#,##0); bold frozen header; optional title line.
 *  Written with exceljs' streaming writer so large exports do not build the whole workbook model in memory. */
export async function toXlsx(sheets: { name: string; columns: Column[]; rows: Record<string, unknown>[]; title?: string }[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    out.on("end", resolve);
    out.on("error", reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const used = new Set<string>();
  for (const s of sheets) {
    const headerRow = s.title ? 2 : 1;
    const ws = wb.addWorksheet(sheetName(s.name, used), { views: [{ state: "frozen", ySplit: headerRow }] });
    ws.columns = s.columns.map((c) => ({
      key: c.key,
      width: Math.min(50, Math.max(10, c.label.length + 2, c.type === "date" ? 12 : 0)),
      // text columns are formatted as Text, so what users type later (IDs, phones) keeps its leading zeros
      style: { numFmt: c.type === "date" ? "dd/mm/yyyy" : c.type === "money" ? "#,##0" : c.type === "number" ? "General" : "@" },
    }));
    if (s.title) {
      const t = ws.addRow([neutraliseFormula(s.title)]);
      t.font = { bold: true, size: 13 };
      t.commit();
    }
    const h = ws.addRow(s.columns.map((c) => neutraliseFormula(c.label)));
    h.font = { bold: true };
    h.eachCell((cell) => {
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE2E8F0" } };
      cell.alignment = { vertical: "middle", wrapText: true };
    });
    h.commit();
    for (const r of s.rows) {
      const row = ws.addRow(s.columns.map((c) => xlsxValue(c, r[c.key])));
      s.columns.forEach((c, i) => {
        if (c.type === "date") row.getCell(i + 1).numFmt = "dd/mm/yyyy";
        else if (c.type === "money") row.getCell(i + 1).numFmt = "#,##0";
      });
      row.commit();
    }
    ws.commit();
  }
  await wb.commit();
  await finished;
  return Buffer.concat(chunks);
}

function xlsxValue(col: Column, v: unknown): string | number | Date | null {
  if (v === null || v === undefined || v === "") return null;
  const type = col.type ?? "text";
  if (type === "number" || type === "money") {
    const n = typeof v === "number" ? v : typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
    return Number.isFinite(n) ? n : neutraliseFormula(String(v));
  }
  if (type === "date") {
    const iso = isoOf(v);
    if (iso) return new Date(`${iso}T00:00:00.000Z`);
  }
  return neutraliseFormula(v instanceof Date ? formatDate(v) : String(v));
}

/** Excel sheet names: ≤ 31 chars, none of : \ / ? * [ ], unique in the workbook. */
function sheetName(name: string, used: Set<string>): string {
  const base = (name.replace(/[:\\/?*[\]]/g, " ").trim() || "Sheet").slice(0, 31);
  let n = base,
    k = 2;
  while (used.has(n.toLowerCase())) n = `${base.slice(0, 27)} (${k++})`;
  used.add(n.toLowerCase());
  return n;
}

// ---------------------------------------------------------------------------------- download

const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/** An attachment: ASCII fallback name plus the real (Vietnamese) name per RFC 5987/6266. */
export function fileResponse(body: string | Buffer, filename: string, kind: "csv" | "xlsx"): Response {
  const name = filename.normalize("NFC").replace(/[\r\n"\\/]/g, "_");
  const ascii = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9._-]+/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  return new Response(bytes as BodyInit, {
    headers: {
      "Content-Type": CONTENT_TYPES[kind],
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`,
      "Content-Length": String(bytes.byteLength),
      "Cache-Control": "no-store",
    },
  });
}

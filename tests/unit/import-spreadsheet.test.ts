import { describe, expect, it } from "vitest";
import zlib from "node:zlib";
import ExcelJS from "exceljs";
import { zipOf } from "../fixtures/hostile";
import {
  cellText,
  fileResponse,
  neutraliseFormula,
  plainNumber,
  readRows,
  SpreadsheetError,
  toCsv,
  toXlsx,
  type SheetRow,
} from "@/lib/server/files/spreadsheet";

const enc = (s: string) => new TextEncoder().encode(s);
async function all(name: string, data: Uint8Array, limits = {}): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const r of readRows({ name, data }, limits)) out.push(r);
  return out;
}

describe("CSV reading", () => {
  it("reads UTF-8 with a BOM, comma-separated, CRLF", async () => {
    const rows = await all("a.csv", enc("\uFEFFHọ và tên,Số CCCD\r\nNguyễn Văn An,001085012345\r\nTrần Thị Bình,001185000001\r\n"));
    expect(rows).toEqual([
      { line: 2, values: { "Họ và tên": "Nguyễn Văn An", "Số CCCD": "001085012345" } },
      { line: 3, values: { "Họ và tên": "Trần Thị Bình", "Số CCCD": "001185000001" } },
    ]);
  });

  it("reads UTF-8 without a BOM, semicolon-separated (Excel with a Vietnamese locale), LF", async () => {
    const rows = await all("b.csv", enc("Họ và tên;Mức thu nhập;Ghi chú\nLê Văn C;1500000;a, b\n"));
    expect(rows).toEqual([{ line: 2, values: { "Họ và tên": "Lê Văn C", "Mức thu nhập": "1500000", "Ghi chú": "a, b" } }]);
  });

  it("keeps quoted delimiters, doubled quotes and newlines inside a field; line numbers are spreadsheet rows", async () => {
    const csv = 'Tên,Địa chỉ,Ghi chú\n"Phạm, Văn D","Số 1\nNgõ 2","nói ""xin chào"""\n\nVõ E,x,y';
    const rows = await all("c.csv", enc(csv));
    expect(rows).toEqual([
      { line: 2, values: { Tên: "Phạm, Văn D", "Địa chỉ": "Số 1\nNgõ 2", "Ghi chú": 'nói "xin chào"' } },
      { line: 4, values: { Tên: "Võ E", "Địa chỉ": "x", "Ghi chú": "y" } },
    ]);
  });

  it("normalises NFD text (macOS, some exports) to NFC, in headers and cells", async () => {
    const nfdHeader = "Họ và tên".normalize("NFD");
    const nfdName = "Nguyễn Thị Hoà".normalize("NFD");
    expect(nfdName).not.toBe(nfdName.normalize("NFC"));
    const rows = await all("d.csv", enc(`${nfdHeader}\n${nfdName}\n`));
    expect(rows[0].values["Họ và tên"]).toBe("Nguyễn Thị Hoà".normalize("NFC"));
    expect(Object.keys(rows[0].values)[0]).toBe("Họ và tên".normalize("NFC"));
  });

  it("refuses a file that is not UTF-8 (Windows-1258 bytes) with a clear Vietnamese message", async () => {
    const latin = new Uint8Array([0x48, 0x6f, 0x0a, 0x4e, 0x67, 0x75, 0x79, 0xea, 0x6e, 0x0a]); // "Nguyên" in a legacy code page
    await expect(all("e.csv", latin)).rejects.toThrow(/^Tệp không phải UTF-8/);
    await expect(all("e.csv", latin)).rejects.toMatchObject({ code: "encoding" });
    await expect(all("u16.csv", new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).rejects.toMatchObject({ code: "encoding" });
  });

  it("enforces the size, row and column limits", async () => {
    await expect(all("f.csv", enc("a\n1\n"), { maxBytes: 3 })).rejects.toMatchObject({ code: "too_large" });
    await expect(all("f.csv", enc("a\n1\n2\n3\n"), { maxRows: 2 })).rejects.toMatchObject({ code: "too_many_rows" });
    await expect(all("f.csv", enc("a,b,c,d\n1,2,3,4\n"), { maxColumns: 3 })).rejects.toMatchObject({ code: "too_many_columns" });
    await expect(all("f.csv", enc('a\n"never closed\n'))).rejects.toBeInstanceOf(SpreadsheetError);
    await expect(all("g.csv", enc("\n\n"))).rejects.toMatchObject({ code: "empty" });
  });

  it("reads a large file in chunks (a field spanning the 1 MB chunk boundary stays whole)", async () => {
    const long = "x".repeat(4000);
    const lines = ["n,text"];
    for (let i = 0; i < 400; i++) lines.push(`${i},"${long}é"`);
    const rows = await all("h.csv", enc(lines.join("\n")));
    expect(rows).toHaveLength(400);
    expect(rows.every((r) => r.values.text === `${long}é`)).toBe(true);
    expect(rows[399]).toMatchObject({ line: 401, values: { n: "399" } });
  });
});

describe("XLSX reading", () => {
  async function workbook(build: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    build(wb.addWorksheet("Dữ liệu"));
    wb.addWorksheet("Khác").addRow(["ignored"]);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it("turns date cells into dd/mm/yyyy, numbers into plain digits, and reads text, formulas and rich text", async () => {
    const data = await workbook((ws) => {
      ws.addRow(["Họ và tên", "Ngày sinh", "Số CCCD", "Thu nhập", "Tổng", "Ghi chú"]);
      const r = ws.addRow([
        "Nguyễn Văn An".normalize("NFD"),
        new Date(Date.UTC(1985, 2, 12)),
        1085012345,
        1500000,
        { formula: "D2*2", result: 3000000 },
        { richText: [{ text: "in " }, { text: "đậm", font: { bold: true } }] },
      ]);
      r.getCell(2).numFmt = "dd/mm/yyyy";
      ws.addRow([]);
      const r2 = ws.addRow(["Lê Thị B", 31048, "001185000001", 1.2e21, 0.1 + 0.2, ""]); // 31048 = 1985-01-01 as an Excel serial
      r2.getCell(2).numFmt = "d/m/yy";
    });
    const rows = await all("a.xlsx", data);
    expect(rows).toEqual([
      {
        line: 2,
        values: {
          "Họ và tên": "Nguyễn Văn An",
          "Ngày sinh": "12/03/1985",
          "Số CCCD": "1085012345",
          "Thu nhập": "1500000",
          Tổng: "3000000",
          "Ghi chú": "in đậm",
        },
      },
      {
        line: 4,
        values: {
          "Họ và tên": "Lê Thị B",
          "Ngày sinh": "01/01/1985",
          "Số CCCD": "001185000001",
          "Thu nhập": "1200000000000000000000",
          Tổng: "0.3",
          "Ghi chú": "",
        },
      },
    ]);
  });

  it("reads the same workbook every time, many at once (exceljs's own zip walk dropped the parts after the sheets)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Mẫu nhập");
    ws.addRow(["Họ và tên", "Số CCCD"]);
    ws.addRow(["Nguyễn Văn An", "001085012345"]);
    for (const name of ["Hướng dẫn", "Danh mục xã", "Danh mục đại lý", "Danh mục hội nghị"]) wb.addWorksheet(name).addRow([name]); // like the import template
    const data = new Uint8Array(await wb.xlsx.writeBuffer());
    // before the fix about 1 read in 10 failed here ("Không đọc được tệp Excel"), 9 in 10 on a busy CPU
    const results: PromiseSettledResult<SheetRow[]>[] = [];
    for (let round = 0; round < 20; round++) results.push(...(await Promise.allSettled(Array.from({ length: 10 }, () => all("a.xlsx", data)))));
    const failed = results.filter((r) => r.status === "rejected");
    expect(failed).toEqual([]);
    for (const r of results) expect(r).toMatchObject({ value: [{ line: 2, values: { "Họ và tên": "Nguyễn Văn An", "Số CCCD": "001085012345" } }] });
  });

  it("reads the first tab, which need not be sheet1.xml", async () => {
    const wb = new ExcelJS.Workbook();
    const other = wb.addWorksheet("Khác"); // stored as sheet1.xml
    other.addRow(["ignored"]);
    const data = wb.addWorksheet("Dữ liệu"); // sheet2.xml, moved to the first tab (exceljs' order, not in its types)
    data.addRow(["Họ và tên"]);
    data.addRow(["Nguyễn Văn An"]);
    type Ordered = ExcelJS.Worksheet & { orderNo: number };
    (other as Ordered).orderNo = 1;
    (data as Ordered).orderNo = 0;
    const rows = await all("tabs.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(rows).toEqual([{ line: 2, values: { "Họ và tên": "Nguyễn Văn An" } }]);
  });

  it("refuses a damaged xlsx and the old .xls format", async () => {
    await expect(all("x.xlsx", enc("not a zip"))).rejects.toMatchObject({ code: "format" });
    await expect(all("x.xls", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]))).rejects.toMatchObject({ code: "format" });
  });

  it("refuses a zip bomb before parsing, by the declared and by the real inflated size", async () => {
    // a "workbook" whose sheet inflates to 50 MB of zeros from ~50 KB
    const huge = zlib.deflateRawSync(Buffer.alloc(50 * 1024 * 1024));
    const zip = zipOf([{ name: "xl/worksheets/sheet1.xml", data: huge, deflated: true, declaredSize: 50 * 1024 * 1024 }]);
    await expect(all("bomb.xlsx", zip, { maxUncompressedBytes: 10 * 1024 * 1024 })).rejects.toMatchObject({ code: "zip_bomb" });
    // the same entry lying about its size (declares 100 bytes) is caught when inflated
    const liar = zipOf([{ name: "xl/worksheets/sheet1.xml", data: huge, deflated: true, declaredSize: 100 }]);
    await expect(all("liar.xlsx", liar, { maxUncompressedBytes: 10 * 1024 * 1024 })).rejects.toMatchObject({ code: "zip_bomb" });
    const many = zipOf(Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, data: zlib.deflateRawSync(Buffer.from("x")), deflated: true, declaredSize: 1 })));
    await expect(all("many.xlsx", many, { maxZipEntries: 10 })).rejects.toMatchObject({ code: "zip_bomb" });
  });
});

describe("cell text", () => {
  it("never writes exponents or grouping", () => {
    expect(plainNumber(46_800_000)).toBe("46800000");
    expect(plainNumber(1e21)).toBe("1000000000000000000000");
    expect(plainNumber(-12.5)).toBe("-12.5");
    expect(cellText({ error: "#N/A" })).toBe("#N/A");
    expect(cellText(true)).toBe("TRUE");
  });
});

describe("exports", () => {
  it("neutralises formulas: = + - @ tab and CR get an apostrophe", () => {
    for (const s of ["=1+1", "+84912", "-2", "@SUM(A1)", "\tx", "\rx"]) expect(neutraliseFormula(s)).toBe(`'${s}`);
    for (const s of ["Nguyễn", "0912345678", "", "a=b"]) expect(neutraliseFormula(s)).toBe(s);
  });

  it("writes CSV with a BOM, CRLF, every field quoted, typed values, and formulas neutralised", () => {
    const csv = toCsv(
      [
        { key: "name", label: "Họ và tên" },
        { key: "dob", label: "Ngày sinh", type: "date" },
        { key: "amount", label: "Số tiền", type: "money" },
        { key: "n", label: "Số", type: "number" },
      ],
      [
        { name: '=HYPERLINK("http://x","bấm")', dob: "1985-03-12", amount: 3_960_000, n: -3 },
        { name: 'Lê "Bé"', dob: new Date(Date.UTC(2000, 0, 31)), amount: null, n: 1e21 },
      ],
    );
    expect(csv).toBe(
      "\uFEFF" +
        '"Họ và tên","Ngày sinh","Số tiền","Số"\r\n' +
        '"\'=HYPERLINK(""http://x"",""bấm"")","12/03/1985","3960000","-3"\r\n' +
        '"Lê ""Bé""","31/01/2000","","1000000000000000000000"\r\n',
    );
  });

  it("writes XLSX with numbers as numbers, real dates, money format, bold frozen header and neutralised text", async () => {
    const buf = await toXlsx([
      {
        name: "Danh sách",
        title: "Danh sách đến hạn",
        columns: [
          { key: "name", label: "Họ và tên" },
          { key: "end", label: "Hết hạn", type: "date" },
          { key: "due", label: "Số tiền", type: "money" },
          { key: "n", label: "STT", type: "number" },
        ],
        rows: [
          { name: "-danger", end: "2026-12-31", due: 3_960_000, n: 1 },
          { name: "Võ Thị Hoa", end: null, due: 0, n: 2 },
        ],
      },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe("Danh sách");
    expect(ws.getCell("A1").value).toBe("Danh sách đến hạn");
    expect(ws.getRow(2).values).toEqual([undefined, "Họ và tên", "Hết hạn", "Số tiền", "STT"]);
    expect(ws.getCell("A2").font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    expect(ws.getCell("A3").value).toBe("'-danger");
    expect(ws.getCell("B3").value).toEqual(new Date(Date.UTC(2026, 11, 31)));
    expect(ws.getCell("B3").numFmt).toBe("dd/mm/yyyy");
    expect(ws.getCell("C3").value).toBe(3_960_000);
    expect(ws.getCell("C3").numFmt).toBe("#,##0");
    expect(ws.getCell("D4").value).toBe(2);
    // and it reads back through our own reader (the title line counts as its header)
    const back = await all("r.xlsx", new Uint8Array(buf));
    expect(back.map((r) => r.values["Danh sách đến hạn"])).toEqual(["Họ và tên", "'-danger", "Võ Thị Hoa"]);
  });

  it("sends files with an RFC 5987 UTF-8 file name", async () => {
    const res = fileResponse("a", "Danh sách đến hạn 2026.csv", "csv");
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="Danh_sach_den_han_2026.csv"; filename*=UTF-8''${encodeURIComponent("Danh sách đến hạn 2026.csv")}`,
    );
    expect(await res.text()).toBe("a");
  });
});

// The VietQR payload decoded by a TLV reader and a bitwise CRC written here, independently of the builder.
import { describe, expect, it } from "vitest";
import { transferNote, vietQrPayload } from "@/lib/domain/vietqr";

function parseTlv(s: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < s.length) {
    const id = s.slice(i, i + 2),
      len = Number(s.slice(i + 2, i + 4));
    if (!/^\d\d$/.test(id) || !Number.isInteger(len)) throw new Error(`bad TLV at ${i}`);
    out.set(id, s.slice(i + 4, i + 4 + len));
    i += 4 + len;
  }
  if (i !== s.length) throw new Error("trailing bytes");
  return out;
}

/** CRC-16/CCITT-FALSE, bit by bit. */
function crc16(s: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(s, "utf8")) {
    crc ^= byte << 8;
    for (let k = 0; k < 8; k++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, "0");
}

describe("VietQR payload", () => {
  it.each([
    [396_000, "BHXHTN 012345 NGUYEN VAN AN"],
    [1_980_000, "BHXHTN 998877 LE THI HOA"],
    [46_800_000, "BHXHTN 000001 TRAN DUC"],
    [1, "X"],
  ])("amount %i, note %s: fields and CRC", (amount, note) => {
    const payload = vietQrPayload({ bankBin: "970436", accountNo: "0011004099999", amount, note });
    const top = parseTlv(payload);
    expect(top.get("00")).toBe("01");
    expect(top.get("01")).toBe("12");
    const merchant = parseTlv(top.get("38")!);
    expect(merchant.get("00")).toBe("A000000727");
    expect(merchant.get("02")).toBe("QRIBFTTA");
    const beneficiary = parseTlv(merchant.get("01")!);
    expect(beneficiary.get("00")).toBe("970436");
    expect(beneficiary.get("01")).toBe("0011004099999");
    expect(top.get("53")).toBe("704");
    expect(top.get("54")).toBe(String(amount));
    expect(top.get("58")).toBe("VN");
    expect(parseTlv(top.get("62")!).get("08")).toBe(note.slice(0, 25).trim());
    // the CRC is the last field and covers everything before its value, "6304" included
    expect(payload.slice(-8, -4)).toBe("6304");
    expect(top.get("63")).toBe(crc16(payload.slice(0, -4)));
  });

  it("a known CRC: the check value of CRC-16/CCITT-FALSE", () => {
    expect(crc16("123456789")).toBe("29B1");
  });

  it("a static code has no amount", () => {
    const top = parseTlv(vietQrPayload({ bankBin: "970415", accountNo: "123" }));
    expect(top.get("01")).toBe("11");
    expect(top.has("54")).toBe(false);
    expect(top.has("62")).toBe(false);
  });

  it("the transfer note: last six ID digits and the name without diacritics, within 25 characters", () => {
    expect(transferNote("001085012345", "Nguyễn Văn An")).toBe("BHXHTN 012345 N VAN AN");
    expect(transferNote("001085012345", "Lê Thị Hoà")).toBe("BHXHTN 012345 LE THI HOA");
    expect(transferNote("001085012345", "Đỗ Đức")).toBe("BHXHTN 012345 DO DUC");
    expect(transferNote("001085012345", "Nguyễn Thị Thanh Hương")).toBe("BHXHTN 012345 N T T HUONG");
    for (const n of ["A", "Tôn Nữ Hoàng Thị Minh Nguyệt", "Nguyễn Văn Thànhhhhhhhhhhhh"])
      expect(transferNote("001085012345", n).length).toBeLessThanOrEqual(25);
  });

  it("refuses a bad bank, account or amount", () => {
    expect(() => vietQrPayload({ bankBin: "12", accountNo: "1", amount: 1 })).toThrow();
    expect(() => vietQrPayload({ bankBin: "970436", accountNo: "12 34", amount: 1 })).toThrow();
    expect(() => vietQrPayload({ bankBin: "970436", accountNo: "1234", amount: 0 })).toThrow();
    expect(() => vietQrPayload({ bankBin: "970436", accountNo: "1234", amount: 1.5 })).toThrow();
  });
});

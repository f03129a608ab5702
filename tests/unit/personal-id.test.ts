import { describe, it, expect } from "vitest";
import { makePersonalId, normalizePersonalId, validatePersonalId, validateSiCode } from "@/lib/domain/personal-id";

// 001 = Hà Nội, 079 = TP. Hồ Chí Minh (old codes)
describe("validatePersonalId", () => {
  it("accepts valid numbers, with and without date of birth and sex", () => {
    expect(validatePersonalId("001085012345")).toEqual([]);
    expect(validatePersonalId("001085012345", "1985-03-12", "MALE")).toEqual([]);
    expect(validatePersonalId("079185000001", "1985-12-31", "FEMALE")).toEqual([]);
    expect(validatePersonalId("096099999999", "1999-01-01", "MALE")).toEqual([]);
    expect(validatePersonalId("001200000007", "2000-01-01", "MALE")).toEqual([]);
  });

  it("a woman born in the 2000s has G = 3", () => {
    expect(validatePersonalId("079307123456", "2007-05-20", "FEMALE")).toEqual([]);
    expect(validatePersonalId("079307123456", "2007-05-20", "MALE").map((i) => i.part)).toEqual(["sex"]);
  });

  it("a man born in the 2100s has G = 4", () => {
    expect(validatePersonalId("001400000001", "2100-01-01", "MALE")).toEqual([]);
  });

  it.each([
    ["00108501234", 11],
    ["0010850123456", 13],
    ["", 0],
  ])("%s has the wrong length", (id, n) => {
    const issues = validatePersonalId(id);
    expect(issues).toHaveLength(1);
    expect(issues[0].part).toBe("format");
    expect(issues[0].message.vi).toBe(`Số CCCD phải có đúng 12 chữ số (đã nhập ${n})`);
  });

  it("rejects letters and separators (normalise first)", () => {
    expect(validatePersonalId("00108501234A").map((i) => i.part)).toEqual(["format"]);
    expect(validatePersonalId("001 085 012345")[0].message.vi).toBe("Số CCCD chỉ được gồm chữ số");
  });

  it.each(["003085012345", "000085012345", "097085012345", "999085012345"])("%s has an unknown province code", (id) => {
    const issues = validatePersonalId(id, "1985-03-12", "MALE");
    expect(issues.map((i) => i.part)).toEqual(["province"]);
    expect(issues[0].message.vi).toContain(`là ${id.slice(0, 3)}`);
  });

  it("century mismatch names the century digit", () => {
    // G = 2 means a man born in the 2000s, but 1985 was entered
    const issues = validatePersonalId("001285012345", "1985-03-12", "MALE");
    expect(issues.map((i) => i.part)).toEqual(["century"]);
    expect(issues[0].message.vi).toBe(
      "Chữ số thứ 4 (thế kỷ và giới tính) là 2 — nghĩa là nam sinh thế kỷ 21, nhưng ngày sinh/giới tính đã nhập là nam sinh năm 1985",
    );
    expect(issues[0].message.en).toContain("born in the 2000s");
  });

  it("century and sex both wrong: reported once, as the century", () => {
    const issues = validatePersonalId("001285012345", "1985-03-12", "FEMALE");
    expect(issues.map((i) => i.part)).toEqual(["century"]);
    expect(issues[0].message.vi).toContain("nữ sinh năm 1985");
  });

  it("a G digit above 5 is a century error", () => {
    expect(validatePersonalId("001785012345").map((i) => i.part)).toEqual(["century"]);
  });

  it("sex mismatch names the sex", () => {
    const issues = validatePersonalId("001085012345", "1985-03-12", "FEMALE");
    expect(issues.map((i) => i.part)).toEqual(["sex"]);
    expect(issues[0].message.vi).toBe("Chữ số thứ 4 (thế kỷ và giới tính) là 0 — nghĩa là nam sinh thế kỷ 20, nhưng giới tính đã nhập là nữ");
    // sex alone, no date of birth
    expect(validatePersonalId("001185012345", undefined, "MALE").map((i) => i.part)).toEqual(["sex"]);
  });

  it("year mismatch names digits 5–6", () => {
    const issues = validatePersonalId("001086012345", "1985-03-12", "MALE");
    expect(issues.map((i) => i.part)).toEqual(["year"]);
    expect(issues[0].message.vi).toBe("Chữ số 5–6 (năm sinh) là 86 nhưng năm sinh đã nhập là 1985");
  });

  it("reports several disagreements together", () => {
    // unknown province, sex and year all wrong
    expect(validatePersonalId("003186012345", "1985-03-12", "MALE").map((i) => i.part)).toEqual(["province", "sex", "year"]);
  });

  it("ignores a date of birth that is not a date", () => {
    expect(validatePersonalId("001085012345", "12/03/1985", "MALE")).toEqual([]);
  });
});

describe("normalizePersonalId", () => {
  it("strips spaces, dots and dashes", () => {
    expect(normalizePersonalId(" 001 085 012345 ")).toBe("001085012345");
    expect(normalizePersonalId("001.085.012.345")).toBe("001085012345");
    expect(normalizePersonalId("001-085-012345\t")).toBe("001085012345");
    expect(validatePersonalId(normalizePersonalId("001 0 85 012345"), "1985-03-12", "MALE")).toEqual([]);
  });
});

describe("validateSiCode", () => {
  it("is exactly 10 digits", () => {
    expect(validateSiCode("0123456789")).toBe(true);
    expect(validateSiCode("012345678")).toBe(false);
    expect(validateSiCode("01234567890")).toBe(false);
    expect(validateSiCode("012345678a")).toBe(false);
  });
});

describe("makePersonalId", () => {
  it("builds ids that validate", () => {
    expect(makePersonalId("001", "1985-03-12", "MALE", 12345)).toBe("001085012345");
    expect(makePersonalId("079", "2007-05-20", "FEMALE", 1)).toBe("079307000001");
    expect(makePersonalId("096", "1901-01-01", "FEMALE", 999_999)).toBe("096101999999");
  });

  it("throws on parts that cannot make a valid id", () => {
    expect(() => makePersonalId("003", "1985-03-12", "MALE", 1)).toThrow(RangeError);
    expect(() => makePersonalId("001", "1899-12-31", "MALE", 1)).toThrow(RangeError);
    expect(() => makePersonalId("001", "1985-03-12", "MALE", 1_000_000)).toThrow(RangeError);
    expect(() => makePersonalId("001", "1985-02-30", "MALE", 1)).toThrow(RangeError);
  });
});

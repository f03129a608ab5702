// The TK1-TS fields of an enrollee (issue 13 item 2): nationality (Việt Nam unless told), ethnicity from
// the 54 groups of lib/domain/ethnicities.ts, email — optional, validated by the shared schemas with a
// message on the field itself, in both languages; and the prefilled declaration's lines.
import { describe, expect, it } from "vitest";
import { ETHNICITIES, findEthnicity } from "@/lib/domain/ethnicities";
import { tk1Fields } from "@/lib/domain/tk1";
import { toSearchForm } from "@/lib/domain/text";
import { enrolleeSchema, fieldMessages, registrationSchema, schemasFor } from "@/lib/validation/enrollee";

const base = {
  personalId: "001085012345",
  fullName: "Nguyễn Văn An",
  dateOfBirth: "1985-03-15",
  sex: "MALE",
  communeCode: "00004",
  occupation: "FARMER",
  subsidyGroup: "OTHER",
  declaredIncome: 1_500_000,
  paymentPeriod: "ANNUAL",
  enrolledOn: "2025-03-10",
};
const messages = (schema: typeof enrolleeSchema, v: unknown) => {
  const r = schema.safeParse(v);
  return r.success ? {} : fieldMessages(r.error);
};

describe("the list of Vietnam's ethnic groups", () => {
  it("has 54 groups, codes 01–54 in order, no two groups reachable by the same spelling", () => {
    expect(ETHNICITIES).toHaveLength(54);
    expect(ETHNICITIES.map((e) => e.code)).toEqual(Array.from({ length: 54 }, (_, i) => String(i + 1).padStart(2, "0")));
    const seen = new Map<string, string>();
    for (const e of ETHNICITIES) {
      for (const s of [e.name, ...(e.aliases ?? [])]) {
        const k = toSearchForm(s);
        expect(seen.get(k) ?? e.code, `${s} names two groups`).toBe(e.code);
        seen.set(k, e.code);
      }
    }
  });

  it("finds a group by name without diacritics or case, other spellings and the code", () => {
    expect(findEthnicity("kinh")?.name).toBe("Kinh");
    expect(findEthnicity("KHMER")?.name).toBe("Khơ-me");
    expect(findEthnicity("Ê Đê")?.name).toBe("Ê-đê");
    expect(findEthnicity("dân tộc Tày")?.name).toBe("Tày");
    expect(findEthnicity("08")?.name).toBe("Mông");
    expect(findEthnicity("3")?.name).toBe("Thái");
    expect(findEthnicity("Kinhh")).toBeNull();
    expect(findEthnicity("55")).toBeNull();
  });
});

describe("nationality, ethnicity and email on the enrollee", () => {
  it("are optional: nationality defaults to Việt Nam, ethnicity and email stay empty", () => {
    const r = enrolleeSchema.parse(base);
    expect(r.nationality).toBe("Việt Nam");
    expect(r.ethnicity).toBeUndefined();
    expect(r.email).toBeUndefined();
    expect(enrolleeSchema.parse({ ...base, nationality: "  ", ethnicity: "", email: "" })).toMatchObject({ nationality: "Việt Nam" });
  });

  it("normalise what they accept: the list's name of the group, a lower-case email", () => {
    const r = enrolleeSchema.parse({ ...base, nationality: "Lào", ethnicity: "khmer", email: " An.Nguyen@Example.VN " });
    expect(r).toMatchObject({ nationality: "Lào", ethnicity: "Khơ-me", email: "an.nguyen@example.vn" });
  });

  it("a bad email and an unknown ethnicity get a clear message on their own field, with every other problem", () => {
    expect(messages(enrolleeSchema, { ...base, email: "an@", ethnicity: "Kinhh", nationality: "12" })).toEqual({
      email: ["Thư điện tử không hợp lệ (ví dụ ten@example.com)"],
      ethnicity: ["Dân tộc không có trong danh mục 54 dân tộc Việt Nam (ví dụ Kinh, Tày, Thái, Mường, Khơ-me)"],
      nationality: ["Quốc tịch: 2–60 chữ cái, ví dụ Việt Nam"],
    });
    const en = schemasFor("en").registration.safeParse({ ...base, email: "not an email" });
    expect(en.success ? {} : fieldMessages(en.error)).toEqual({ email: ["Invalid email address (e.g. name@example.com)"] });
    expect(messages(registrationSchema as never, { ...base, email: `${"a".repeat(250)}@x.vn` })).toHaveProperty("email");
    expect(messages(enrolleeSchema, { ...base, ethnicity: 99 })).toEqual({
      ethnicity: ["Dân tộc không có trong danh mục 54 dân tộc Việt Nam (ví dụ Kinh, Tày, Thái, Mường, Khơ-me)"],
    });
  });
});

describe("the TK1-TS declaration's lines", () => {
  it("numbers [01]–[08] as the form does and fills what the app knows; unknown values stay blank for the pen", () => {
    const f = tk1Fields({
      fullName: "Lò Thị Xuân",
      sex: "FEMALE",
      dateOfBirth: "1975-01-20",
      nationality: "Việt Nam",
      ethnicity: "Thái",
      personalId: "001175012345",
      phone: "0912345678",
      email: null,
      address: "Số 9 ngõ Núi Trúc",
      communeName: "Phường Ba Đình",
      areaName: "Quận Ba Đình",
      siCode: "0112345678",
      declaredIncome: 1_500_000,
      paymentPeriod: "QUARTERLY",
      subsidyGroup: "ETHNIC_MINORITY",
      agentName: null,
    });
    expect(f.filter((x) => x.no).map((x) => [x.no, x.value])).toEqual([
      ["01", "LÒ THỊ XUÂN"],
      ["02", "Nữ"],
      ["03", "20/01/1975"],
      ["04", "Việt Nam"],
      ["05", "Thái"],
      ["06", "001175012345"],
      ["07", "0912345678"],
      ["08", ""],
    ]);
    const by = Object.fromEntries(f.map((x) => [x.key, x.value]));
    expect(by).toMatchObject({
      address: "Số 9 ngõ Núi Trúc, Phường Ba Đình, Quận Ba Đình",
      siCode: "0112345678",
      declaredIncome: "1.500.000 đồng",
      paymentPeriod: "3 tháng",
      agent: "",
    });
  });
});

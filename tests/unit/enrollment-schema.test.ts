// The enrollment schemas (lib/validation/enrollee.ts): the messages a user sees for each wrong part
// of a CCCD, the age-15 boundary, the income range of the policy in force, normalisation, languages.
import { describe, expect, it } from "vitest";
import type { PolicySnapshot } from "@/lib/domain/contribution";
import { addDays, todayInVietnam } from "@/lib/domain/dates";
import { enrolleeSchema, fieldMessages, parseDateInput, parseVndInput, paymentSchema, registrationSchema, schemasFor } from "@/lib/validation/enrollee";
import { enrolleeFormInput, enrolleeInput, enrolleeValuesFromForm, type EnrolleeValues } from "@/lib/validation/enrollee-values";

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

// Written out by hand: the values in force from 1 July 2025 (docs/domain.md), Hà Nội top-up.
const policy2025: PolicySnapshot = {
  date: "2025-08-10",
  rateBp: 2200,
  incomeFloor: 1_500_000,
  referenceLevel: 2_340_000,
  ceilingMultiplier: 20,
  fundMonthlyInterestPpm: 0,
  subsidyMaxMonths: 120,
  subsidyBp: { POOR: 5000, NEAR_POOR: 4000, ISLAND: 5000, ETHNIC_MINORITY: 3000, OTHER: 2000 },
  provincialTopUpBp: { POOR: 5000, NEAR_POOR: 6000, ISLAND: 1000, ETHNIC_MINORITY: 1000, OTHER: 1000 },
};

function messagesOf(schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, value: unknown) {
  const r = schema.safeParse(value);
  return r.success ? {} : fieldMessages(r.error as never);
}

describe("the CCCD and its agreement with date of birth and sex", () => {
  it("accepts a consistent number and normalises separators", () => {
    const r = enrolleeSchema.parse({ ...base, personalId: " 001-085.012 345 " });
    expect(r.personalId).toBe("001085012345");
  });

  it.each([
    ["length", "00108501234", ["Số CCCD phải có đúng 12 chữ số (đã nhập 11)"]],
    ["letters", "00108501234A", ["Số CCCD chỉ được gồm chữ số"]],
    ["province", "003085012345", ["Chữ số 1–3 (mã tỉnh nơi đăng ký khai sinh) là 003 — không phải mã tỉnh hợp lệ"]],
    ["sex", "001185012345", ["Chữ số thứ 4 (thế kỷ và giới tính) là 1 — nghĩa là nữ sinh thế kỷ 20, nhưng giới tính đã nhập là nam"]],
    [
      "century",
      "001285012345",
      ["Chữ số thứ 4 (thế kỷ và giới tính) là 2 — nghĩa là nam sinh thế kỷ 21, nhưng ngày sinh/giới tính đã nhập là nam sinh năm 1985"],
    ],
    ["year", "001086012345", ["Chữ số 5–6 (năm sinh) là 86 nhưng năm sinh đã nhập là 1985"]],
    ["century digit out of range", "001785012345", ["Chữ số thứ 4 (thế kỷ và giới tính) là 7 — chỉ được từ 0 đến 5"]],
    [
      "two parts at once",
      "001390012345",
      [
        "Chữ số thứ 4 (thế kỷ và giới tính) là 3 — nghĩa là nữ sinh thế kỷ 21, nhưng ngày sinh/giới tính đã nhập là nam sinh năm 1985",
        "Chữ số 5–6 (năm sinh) là 90 nhưng năm sinh đã nhập là 1985",
      ],
    ],
  ])("names the part that is wrong: %s", (_part, personalId, expected) => {
    expect(messagesOf(enrolleeSchema, { ...base, personalId }).personalId).toEqual(expected);
  });

  it("checks the CCCD even when other fields are wrong too (every problem at once)", () => {
    const m = messagesOf(registrationSchema, {
      ...base,
      personalId: "001185012345",
      phone: "12",
      occupation: "",
      payment: { method: "CHEQUE", receiptNo: "" },
    });
    expect(Object.keys(m).sort()).toEqual(["agentId", "occupation", "payment.method", "payment.receiptNo", "personalId", "phone"]);
  });

  it("says it in English with the English schemas", () => {
    const m = messagesOf(schemasFor("en").enrollee, { ...base, personalId: "001185012345", occupation: "" });
    expect(m.personalId).toEqual(["Digit 4 (century and sex) is 1, meaning a female born in the 1900s, but the sex entered is male"]);
    expect(m.occupation).toEqual(["Choose the occupation group"]);
  });
});

describe("age 15 or over on the enrollment date", () => {
  it("accepts the 15th birthday itself and refuses the day before", () => {
    const dob = "2010-03-10";
    const id = "001210012345"; // 2 = male born 2000s, 10
    expect(enrolleeSchema.safeParse({ ...base, personalId: id, dateOfBirth: dob, enrolledOn: "2025-03-10" }).success).toBe(true);
    expect(messagesOf(enrolleeSchema, { ...base, personalId: id, dateOfBirth: dob, enrolledOn: "2025-03-09" }).dateOfBirth).toEqual([
      "Người tham gia phải đủ 15 tuổi vào ngày đăng ký 09/03/2025 (mới 14 tuổi)",
    ]);
  });

  it("a birthday on 29 February turns 15 on 1 March in a common year", () => {
    const id = "001208012345";
    expect(enrolleeSchema.safeParse({ ...base, personalId: id, dateOfBirth: "2008-02-29", enrolledOn: "2023-02-28" }).success).toBe(false);
    expect(enrolleeSchema.safeParse({ ...base, personalId: id, dateOfBirth: "2008-02-29", enrolledOn: "2023-03-01" }).success).toBe(true);
  });

  it("refuses an enrollment date in the future and a birth after it", () => {
    const tomorrow = addDays(todayInVietnam(), 1);
    expect(messagesOf(enrolleeSchema, { ...base, enrolledOn: tomorrow }).enrolledOn).toEqual(["Ngày đăng ký không được sau hôm nay"]);
    expect(messagesOf(enrolleeSchema, { ...base, dateOfBirth: "2025-04-01", personalId: "001225012345" }).dateOfBirth).toEqual([
      "Ngày sinh không được sau ngày đăng ký",
    ]);
  });

  it("defaults the enrollment date to today", () => {
    const { enrolledOn: _e, ...noDate } = base;
    expect(enrolleeSchema.parse(noDate).enrolledOn).toBe(todayInVietnam());
  });
});

describe("declared income", () => {
  const withPolicy = schemasFor("vi", policy2025);

  it("states the allowed range of the policy in force", () => {
    expect(messagesOf(withPolicy.enrollee, { ...base, declaredIncome: 1_499_999 }).declaredIncome).toEqual([
      "Mức thu nhập phải từ 1.500.000 ₫ đến 46.800.000 ₫",
    ]);
    expect(messagesOf(withPolicy.enrollee, { ...base, declaredIncome: 46_800_001 }).declaredIncome).toEqual([
      "Mức thu nhập phải từ 1.500.000 ₫ đến 46.800.000 ₫",
    ]);
    expect(withPolicy.enrollee.safeParse({ ...base, declaredIncome: 46_800_000 }).success).toBe(true);
    expect(withPolicy.enrollee.safeParse({ ...base, declaredIncome: "1.500.000" }).success).toBe(true);
    expect(messagesOf(schemasFor("en", policy2025).enrollee, { ...base, declaredIncome: 1_000_000 }).declaredIncome).toEqual([
      "Income must be between 1,500,000 VND and 46,800,000 VND",
    ]);
  });

  it("a fraction of a dong is refused with the range; text that is not a number asks for whole VND", () => {
    expect(messagesOf(withPolicy.enrollee, { ...base, declaredIncome: 1_500_000.5 }).declaredIncome).toEqual([
      "Mức thu nhập phải là số đồng nguyên. Mức thu nhập phải từ 1.500.000 ₫ đến 46.800.000 ₫",
    ]);
    expect(messagesOf(enrolleeSchema, { ...base, declaredIncome: "1,5 triệu" }).declaredIncome).toEqual([
      "Nhập mức thu nhập tháng bằng số đồng nguyên, ví dụ 1.500.000",
    ]);
  });

  it("without a policy only the form of the number is checked (the server checks the range)", () => {
    expect(enrolleeSchema.safeParse({ ...base, declaredIncome: 99_000_000 }).success).toBe(true);
  });

  it.each([
    ["1.500.000", 1_500_000],
    ["1,500,000", 1_500_000],
    ["1 500 000", 1_500_000],
    ["1500000", 1_500_000],
    ["2.000.000 ₫", 2_000_000],
    ["1.5", null],
    ["15.00.000", null],
    ["abc", null],
  ])("parses %s as %s", (raw, expected) => {
    expect(parseVndInput(raw)).toBe(expected);
  });
});

describe("payment period and months", () => {
  it("lump sums need 1–60 months; fixed periods ignore the field", () => {
    expect(messagesOf(enrolleeSchema, { ...base, paymentPeriod: "ADVANCE" }).months).toEqual(["Số tháng đóng phải là số nguyên từ 1 đến 60"]);
    expect(messagesOf(enrolleeSchema, { ...base, paymentPeriod: "BACK_PAYMENT", months: 61 }).months).toEqual(["Số tháng đóng phải là số nguyên từ 1 đến 60"]);
    expect(enrolleeSchema.parse({ ...base, paymentPeriod: "ADVANCE", months: "60" }).months).toBe(60);
    expect(enrolleeSchema.safeParse({ ...base, paymentPeriod: "ANNUAL", months: "" }).success).toBe(true);
  });

  it("a payment: receipt upper-cased, paid date defaults to today and cannot be in the future", () => {
    const p = paymentSchema.parse({ method: "CASH", receiptNo: " bl-12/2025 ", period: "QUARTERLY", declaredIncome: "2.000.000" });
    expect(p).toMatchObject({ receiptNo: "BL-12/2025", paidOn: todayInVietnam(), declaredIncome: 2_000_000 });
    expect(
      messagesOf(paymentSchema, { method: "CASH", receiptNo: "A1", period: "ANNUAL", declaredIncome: 1_500_000, paidOn: addDays(todayInVietnam(), 1) }).paidOn,
    ).toEqual(["Ngày nộp tiền không được sau hôm nay"]);
    expect(messagesOf(paymentSchema, { method: "CHEQUE", receiptNo: "có dấu", period: "X", declaredIncome: 1 })).toEqual({
      method: ["Chọn hình thức nộp tiền"],
      receiptNo: ["Nhập số biên lai (tối đa 30 ký tự: chữ, số, / . -)"],
      period: ["Chọn phương thức đóng"],
    });
  });

  it("the first payment may not predate the enrollment", () => {
    expect(messagesOf(registrationSchema, { ...base, payment: { method: "CASH", receiptNo: "A1", paidOn: "2025-03-09" } })["payment.paidOn"]).toEqual([
      "Ngày nộp tiền không được trước ngày đăng ký",
    ]);
  });
});

describe("normalisation", () => {
  it("names to NFC with single spaces, phones to 0…, dates from dd/mm/yyyy", () => {
    const r = enrolleeSchema.parse({ ...base, fullName: "  Nguyễn   Văn  An ".normalize("NFD"), phone: "+84 (912) 345.678", dateOfBirth: "15/3/1985" });
    expect(r.fullName).toBe("Nguyễn Văn An".normalize("NFC"));
    expect(r.fullName.length).toBe("Nguyễn Văn An".normalize("NFC").length);
    expect(r.phone).toBe("0912345678");
    expect(r.dateOfBirth).toBe("1985-03-15");
    expect(parseDateInput("31/02/2025")).toBeNull();
    expect(messagesOf(enrolleeSchema, { ...base, fullName: "An 2" }).fullName).toEqual(["Họ và tên không được chứa chữ số"]);
  });
});

describe("the registration form posted before its scripts ran (FormData → the same input)", () => {
  // what the browser posts: the schema's paths as names, dates as typed, React's own $ACTION fields
  function posted(extra: Record<string, string> = {}) {
    const fd = new FormData();
    const fields: Record<string, string> = {
      $ACTION_REF_1: "",
      "$ACTION_1:0": '{"id":"x","bound":"$@1"}',
      personalId: "001085012345",
      siCode: "",
      fullName: "Nguyễn Văn An",
      dateOfBirth: "15/03/1985",
      sex: "MALE",
      phone: "",
      address: "",
      nationality: "Việt Nam",
      ethnicity: "",
      email: "",
      communeCode: "00004",
      agentId: "OFFICE",
      conferenceId: "",
      enrolledOn: "10/03/2025",
      occupation: "FARMER",
      subsidyGroup: "OTHER",
      declaredIncome: "1.500.000",
      paymentPeriod: "ANNUAL",
      "payment.method": "CASH",
      "payment.receiptNo": "BL-1",
      "payment.paidOn": "10/03/2025",
      ...extra,
    };
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    return fd;
  }

  it("reads the flat names into the nested input the hydrated form sends, and the schema accepts it", () => {
    const { data, values } = enrolleeFormInput(posted(), "register");
    expect(data).toMatchObject({ fullName: "Nguyễn Văn An", dateOfBirth: "15/03/1985", months: "", confirmDuplicate: false });
    expect((data as { payment: unknown }).payment).toEqual({ method: "CASH", receiptNo: "BL-1", paidOn: "10/03/2025" });
    expect(Object.keys(values!).some((k) => k.startsWith("$ACTION"))).toBe(false);
    const r = schemasFor("vi", policy2025).registration.safeParse(data);
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({ dateOfBirth: "1985-03-15", declaredIncome: 1_500_000, payment: { paidOn: "2025-03-10" } });
  });

  // the registration page's start values (app/(app)/enrollees/new/page.tsx)
  const START: EnrolleeValues = {
    ...{ personalId: "", siCode: "", fullName: "", dateOfBirth: "", sex: "", phone: "", communeCode: "", address: "", nationality: "Việt Nam" },
    ...{ ethnicity: "", email: "", occupation: "", subsidyGroup: "OTHER", declaredIncome: "", paymentPeriod: "ANNUAL", months: "", agentId: "" },
    ...{ conferenceId: "", enrolledOn: "2025-03-10", method: "CASH", receiptNo: "", paidOn: "2025-03-10" },
  };

  it("the same as the hydrated form's own input for the same values", () => {
    const { data, values } = enrolleeFormInput(posted({ confirmDuplicate: "on" }), "register");
    expect(data).toEqual(enrolleeInput(enrolleeValuesFromForm(values!, START), { mode: "register", confirmDuplicate: true }));
  });

  it("months only for a lump-sum plan; the version of the edit form; an object passes through untouched", () => {
    expect((enrolleeFormInput(posted({ months: "24" }), "register").data as { months: string }).months).toBe("");
    expect((enrolleeFormInput(posted({ months: "24", paymentPeriod: "ADVANCE" }), "register").data as { months: string }).months).toBe("24");
    const edit = enrolleeFormInput(posted({ version: "7" }), "edit").data as Record<string, unknown>;
    expect(edit.version).toBe(7);
    expect(edit.payment).toBeUndefined();
    const obj = { fullName: "x" };
    expect(enrolleeFormInput(obj, "register")).toEqual({ data: obj });
  });

  it("a refused post gives the form back what was typed, the rest from the form's own start values", () => {
    const { values } = enrolleeFormInput(posted({ fullName: "Lê Thị Bé" }), "register");
    const back = enrolleeValuesFromForm(values!, START);
    expect(back).toMatchObject({ fullName: "Lê Thị Bé", dateOfBirth: "15/03/1985", method: "CASH", receiptNo: "BL-1", paidOn: "10/03/2025", months: "" });
    // a disabled select is not posted (a collector's agent): the form's own value stays
    expect(enrolleeValuesFromForm({ fullName: "A" }, { ...START, agentId: "12" })).toMatchObject({ fullName: "A", agentId: "12", nationality: "Việt Nam" });
  });
});

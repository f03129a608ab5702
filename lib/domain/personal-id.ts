// The 12-digit personal ID number (CCCD): PPP G YY NNNNNN (docs/domain.md, "The personal ID number").
// PPP = birth-registration province (old 63-province codes), G = century and sex, YY = birth year mod 100.
import { isIsoDate, yearOf } from "./dates";
import type { Bilingual, Sex } from "./types";

export type IdIssue = { part: "format" | "province" | "century" | "sex" | "year"; message: Bilingual };

/** The 63 pre-2025 province codes with a leading 0; the gaps (003, 005, …) were never assigned. */
export const ID_PROVINCE_CODES: ReadonlySet<string> = new Set(
  (
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 " +
    "040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 " +
    "083 084 086 087 089 091 092 093 094 095 096"
  ).split(" "),
);

/** Strips the separators people type or paste: spaces, dots, dashes. */
export function normalizePersonalId(raw: string): string {
  return raw.replace(/[\s.\-]/g, "");
}

/** Legacy SI code: exactly 10 digits. */
export function validateSiCode(code: string): boolean {
  return /^\d{10}$/.test(code);
}

// G digit = 2 × (century index) + (1 if female); century index 0 = 1900s, 1 = 2000s, 2 = 2100s.
const FIRST_CENTURY = 1900;
const CENTURIES = 3;

function describe(centuryIndex: number, sex: Sex): Bilingual {
  const start = FIRST_CENTURY + 100 * centuryIndex;
  return {
    vi: `${sex === "FEMALE" ? "nữ" : "nam"} sinh thế kỷ ${start / 100 + 1}`,
    en: `a ${sex === "FEMALE" ? "female" : "male"} born in the ${start}s`,
  };
}

/**
 * Problems with `id` (expected already normalised), [] when valid. With a date of birth and/or sex,
 * the G and YY digits must agree with them; each disagreement names the part that disagrees.
 */
export function validatePersonalId(id: string, dateOfBirth?: string, sex?: Sex): IdIssue[] {
  if (!/^\d*$/.test(id)) {
    return [{ part: "format", message: { vi: "Số CCCD chỉ được gồm chữ số", en: "The personal ID number may contain digits only" } }];
  }
  if (id.length !== 12) {
    return [
      {
        part: "format",
        message: {
          vi: `Số CCCD phải có đúng 12 chữ số (đã nhập ${id.length})`,
          en: `The personal ID number must have exactly 12 digits (${id.length} entered)`,
        },
      },
    ];
  }

  const issues: IdIssue[] = [];
  const province = id.slice(0, 3);
  if (!ID_PROVINCE_CODES.has(province)) {
    issues.push({
      part: "province",
      message: {
        vi: `Chữ số 1–3 (mã tỉnh nơi đăng ký khai sinh) là ${province} — không phải mã tỉnh hợp lệ`,
        en: `Digits 1–3 (birth-registration province) are ${province}, which is not a valid province code`,
      },
    });
  }

  const g = Number(id[3]);
  if (g >= 2 * CENTURIES) {
    issues.push({
      part: "century",
      message: {
        vi: `Chữ số thứ 4 (thế kỷ và giới tính) là ${g} — chỉ được từ 0 đến 5`,
        en: `Digit 4 (century and sex) is ${g}; it must be 0 to 5`,
      },
    });
    return issues; // nothing more to compare against
  }
  const idCentury = Math.floor(g / 2);
  const idSex: Sex = g % 2 === 1 ? "FEMALE" : "MALE";
  const year = dateOfBirth !== undefined && isIsoDate(dateOfBirth) ? yearOf(dateOfBirth) : undefined;
  const meaning = describe(idCentury, idSex);

  if (year !== undefined && Math.floor((year - FIRST_CENTURY) / 100) !== idCentury) {
    // The century is wrong: say what was entered in full, sex included when known.
    const entered = sex
      ? {
          vi: `ngày sinh/giới tính đã nhập là ${sex === "FEMALE" ? "nữ" : "nam"} sinh năm ${year}`,
          en: `the date of birth/sex entered is a ${sex === "FEMALE" ? "female" : "male"} born in ${year}`,
        }
      : { vi: `năm sinh đã nhập là ${year}`, en: `the year of birth entered is ${year}` };
    issues.push({
      part: "century",
      message: {
        vi: `Chữ số thứ 4 (thế kỷ và giới tính) là ${g} — nghĩa là ${meaning.vi}, nhưng ${entered.vi}`,
        en: `Digit 4 (century and sex) is ${g}, meaning ${meaning.en}, but ${entered.en}`,
      },
    });
  } else if (sex !== undefined && sex !== idSex) {
    issues.push({
      part: "sex",
      message: {
        vi: `Chữ số thứ 4 (thế kỷ và giới tính) là ${g} — nghĩa là ${meaning.vi}, nhưng giới tính đã nhập là ${sex === "FEMALE" ? "nữ" : "nam"}`,
        en: `Digit 4 (century and sex) is ${g}, meaning ${meaning.en}, but the sex entered is ${sex === "FEMALE" ? "female" : "male"}`,
      },
    });
  }

  const yy = id.slice(4, 6);
  if (year !== undefined && Number(yy) !== year % 100) {
    issues.push({
      part: "year",
      message: {
        vi: `Chữ số 5–6 (năm sinh) là ${yy} nhưng năm sinh đã nhập là ${year}`,
        en: `Digits 5–6 (year of birth) are ${yy} but the year of birth entered is ${year}`,
      },
    });
  }
  return issues;
}

/** Builds a valid ID for seeds and tests; throws if the parts cannot make one. */
export function makePersonalId(provinceCode3: string, dateOfBirth: string, sex: Sex, serial: number): string {
  if (!isIsoDate(dateOfBirth)) throw new RangeError(`not a date: ${dateOfBirth}`);
  if (!Number.isInteger(serial) || serial < 0 || serial > 999_999) throw new RangeError(`serial out of range: ${serial}`);
  const year = yearOf(dateOfBirth);
  const century = Math.floor((year - FIRST_CENTURY) / 100);
  if (century < 0 || century >= CENTURIES) throw new RangeError(`birth year out of range: ${year}`);
  const id = provinceCode3 + String(2 * century + (sex === "FEMALE" ? 1 : 0)) + String(year % 100).padStart(2, "0") + String(serial).padStart(6, "0");
  const issues = validatePersonalId(id, dateOfBirth, sex);
  if (issues.length > 0) throw new RangeError(issues.map((i) => i.message.en).join("; "));
  return id;
}

// Messages for a bad API query parameter in the caller's language (issue 17 item 9). zod's defaults
// are English and show the pattern ("Invalid string: must match pattern /^\d{5}$/"); a civil servant's
// integration should read what is wrong in words. Used as a per-parse error map:
//   schema.parse(params, { error: queryErrorMap(p.locale) })
// (a message written on the schema itself still wins).
import type { z } from "zod";

type Locale = "vi" | "en";

const TEXT = {
  vi: {
    format: "sai định dạng",
    tooBig: "quá lớn hoặc quá dài",
    tooSmall: "quá nhỏ hoặc quá ngắn",
    oneOf: "phải là một trong: {values}",
    type: "sai kiểu dữ liệu",
    unknown: "không hợp lệ",
    number: "phải là số nguyên",
  },
  en: {
    format: "has the wrong format",
    tooBig: "is too large or too long",
    tooSmall: "is too small or too short",
    oneOf: "must be one of: {values}",
    type: "has the wrong type",
    unknown: "is not valid",
    number: "must be a whole number",
  },
} as const;

const FORMAT_HINT: Record<string, Record<Locale, string>> = {
  commune: { vi: "mã xã gồm 5 chữ số", en: "a 5-digit commune code" },
  area: { vi: "mã khu vực gồm 3 chữ số", en: "a 3-digit area code" },
  province: { vi: "mã tỉnh gồm 2 chữ số", en: "a 2-digit province code" },
  from: { vi: "ngày dạng YYYY-MM-DD", en: "a date as YYYY-MM-DD" },
  to: { vi: "ngày dạng YYYY-MM-DD", en: "a date as YYYY-MM-DD" },
};

export function queryErrorMap(locale: Locale): z.core.$ZodErrorMap {
  const t = TEXT[locale];
  return (iss) => {
    const key = String(iss.path?.[0] ?? "");
    switch (iss.code) {
      case "invalid_format": {
        const hint = FORMAT_HINT[key]?.[locale];
        return hint ? `${t.format} (${hint})` : t.format;
      }
      case "too_big":
        return t.tooBig;
      case "too_small":
        return t.tooSmall;
      case "invalid_value":
        return t.oneOf.replace("{values}", (iss.values ?? []).map(String).join(", "));
      case "invalid_type":
        return iss.expected === "number" || iss.expected === "int" ? t.number : t.type;
      default:
        return t.unknown;
    }
  };
}

import { describe, expect, it } from "vitest";
import { cleanName, matchesSearch, toSearchForm } from "@/lib/domain/text";
import { formatDate, formatDateTime, formatNumber, formatVnd, parseVnDate } from "@/lib/i18n/format";
import { addMonths, todayInVietnam, yearsBetween } from "@/lib/domain/dates";

describe("Vietnamese text normalisation", () => {
  it("finds names typed without diacritics", () => {
    expect(toSearchForm("Xã Tân Hòa")).toBe("xa tan hoa");
    expect(toSearchForm("Nguyễn Văn A")).toBe("nguyen van a");
    expect(toSearchForm("ĐẶNG  Thị   Đào")).toBe("dang thi dao");
    expect(matchesSearch(toSearchForm("Xã Tân Hòa"), "tan hoa")).toBe(true);
    expect(matchesSearch(toSearchForm("Xã Tân Hòa"), "tân hoà")).toBe(true); // older "oà" placement
    expect(matchesSearch(toSearchForm("Xã Tân Hòa"), "tan hai")).toBe(false);
  });
  it("treats NFC and NFD input alike", () => {
    const nfd = "Nguyễn Văn A".normalize("NFD");
    expect(nfd).not.toBe("Nguyễn Văn A");
    expect(toSearchForm(nfd)).toBe("nguyen van a");
    expect(cleanName(`  ${nfd}  `)).toBe("Nguyễn Văn A".normalize("NFC"));
  });
});

describe("formatters", () => {
  it("money in whole VND", () => {
    expect(formatVnd(1_500_000)).toBe("1.500.000 ₫");
    expect(formatVnd(1_500_000, "en")).toBe("1,500,000 VND");
    expect(formatNumber(4180)).toBe("4.180");
  });
  it("dates as dd/mm/yyyy in Vietnam's time zone", () => {
    expect(formatDate("2025-07-01")).toBe("01/07/2025");
    expect(formatDate(new Date("2025-07-01T00:00:00Z"))).toBe("01/07/2025");
    // 20:00 UTC on 30 June is already 1 July in Hà Nội
    expect(formatDateTime(new Date("2025-06-30T20:00:00Z"))).toBe("01/07/2025 03:00");
    expect(todayInVietnam(new Date("2025-06-30T20:00:00Z"))).toBe("2025-07-01");
  });
  it("parses dd/mm/yyyy and rejects impossible dates", () => {
    expect(parseVnDate("01/07/2025")).toBe("2025-07-01");
    expect(parseVnDate("1/7/2025")).toBe("2025-07-01");
    expect(parseVnDate("31/02/2025")).toBeNull();
    expect(parseVnDate("2025-07-01")).toBeNull();
  });
  it("date arithmetic clamps month ends and counts age in whole years", () => {
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2025-11-15", 3)).toBe("2026-02-15");
    expect(yearsBetween("2010-06-15", "2025-06-14")).toBe(14);
    expect(yearsBetween("2010-06-15", "2025-06-15")).toBe(15);
  });
});

import { describe, expect, it } from "vitest";
import { reminderText } from "@/lib/domain/reminder";

describe("reminderText", () => {
  it("names the person, the due date, the amount for the usual period and the agent", () => {
    expect(
      reminderText({
        fullName: "Nguyễn Văn An",
        coverageEnd: "2026-06-30",
        amount: 1_584_000,
        months: 12,
        agentName: "Bưu điện Ba Đình",
        agentPhone: "0243 123 456",
        ended: false,
        transferNote: "BHXHTN 012345 N VAN AN",
      }),
    ).toBe(
      "Kính gửi ông/bà Nguyễn Văn An: BHXH tự nguyện của ông/bà hết hạn ngày 30/06/2026. Số tiền đóng tiếp 12 tháng: 1.584.000 đồng. " +
        "Chuyển khoản theo mã QR, nội dung: BHXHTN 012345 N VAN AN. Liên hệ Bưu điện Ba Đình - 0243 123 456.",
    );
  });

  it("says when coverage has already ended, and leaves out what is unknown", () => {
    const s = reminderText({
      fullName: "Lê Thị Hoa",
      coverageEnd: "2026-03-31",
      amount: null,
      months: 3,
      agentName: "Hội Phụ nữ",
      agentPhone: null,
      ended: true,
    });
    expect(s).toBe(
      "Kính gửi ông/bà Lê Thị Hoa: BHXH tự nguyện của ông/bà đã hết hạn ngày 31/03/2026. Xin ông/bà đóng tiếp để không gián đoạn. Liên hệ Hội Phụ nữ.",
    );
  });
});

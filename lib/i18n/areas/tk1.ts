// The TK1-TS declaration page (/enrollees/[id]/tk1, issue 13 item 2): the screen's own words. The form
// itself is printed in Vietnamese whatever the interface language (it is the official form).
export const tk1Vi = {
  link: "Tờ khai TK1-TS",
  title: "Tờ khai TK1-TS",
  back: "‹ Hồ sơ người tham gia",
  print: "In tờ khai (A4)",
  hint: "Tờ khai đã điền sẵn những gì ứng dụng biết; những ô còn trống người tham gia tự ghi. In ra, người tham gia kiểm tra và ký.",
  masked: "Số CCCD chỉ hiện 4 số cuối với vai trò của bạn; cán bộ BHXH cơ sở in được đủ số.",
};

export const tk1En: typeof tk1Vi = {
  link: "TK1-TS declaration",
  title: "TK1-TS declaration",
  back: "‹ Participant's record",
  print: "Print the declaration (A4)",
  hint: "The declaration is prefilled with what the app knows; the participant fills in the blanks. Print it; the participant checks and signs it.",
  masked: "The ID number shows only its last 4 digits for your role; local office staff print it whole.",
};

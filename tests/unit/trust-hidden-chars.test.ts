// Zero-width and directional characters are refused like the other hidden characters (issue 17 item 9):
// before, only C0/C1 controls and U+202A–U+202E/U+2066–U+2069 were, so "Nguyễn\u200bVăn An" was stored
// and looked like, yet differed from, "Nguyễn Văn An". hasControlChars is the one check every text
// field uses (enrollee, agent, conference, user schemas and the import).
import { describe, expect, it } from "vitest";
import { hasControlChars } from "@/lib/domain/text";

const HIDDEN = [
  "\u200b",
  "\u200c",
  "\u200d",
  "\u200e",
  "\u200f",
  "\u202a",
  "\u202e",
  "\u2066",
  "\u2069",
  "\ufeff",
  "\u2060",
  "\u00ad",
  "\u061c",
  "\u180e",
  "\u2063",
  "\ufff9",
];

describe("hidden characters", () => {
  it.each(HIDDEN.map((c) => [`U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`, c]))("%s is refused", (_name, c) => {
    expect(hasControlChars(`Nguyễn${c}Văn An`)).toBe(true);
  });

  it("Vietnamese text, punctuation and ordinary spaces pass", () => {
    for (const s of ["Nguyễn Văn An", "Số 12, ngõ 34/5 phố Đội Cấn – Ba Đình", "Hồ Thị Ánh Tuyết (chị)", "Ông Đặng Hữu Phước", "O'Neil-Trần"])
      expect(hasControlChars(s)).toBe(false);
  });
});

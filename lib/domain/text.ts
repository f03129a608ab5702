// Vietnamese text normalisation for search: "Xã Tân Hòa" → "xa tan hoa".
// Input may come in any Unicode normalisation form (NFC from browsers, NFD from some
// spreadsheets and macOS), so everything goes through NFD before marks are stripped.

/** Lower case, no diacritics, đ → d, single spaces. */
export function toSearchForm(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "d")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Control characters (C0/C1 other than the white space cleanName folds, NUL included), bidirectional
 *  overrides and isolates, and invisible format characters — zero-width space/joiners, LRM/RLM/ALM,
 *  word joiner and invisible operators, soft hyphen, BOM (issue 17 item 9): never part of a name or an
 *  address, and they make two equal-looking names differ; PostgreSQL cannot even store NUL in text. */
export function hasControlChars(s: string): boolean {
  return /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/.test(s);
}

/** A person's or unit's name as stored: NFC, trimmed, inner white space collapsed. */
export function cleanName(s: string): string {
  return s.normalize("NFC").replace(/\s+/g, " ").trim();
}

/** True if every word of the query occurs, in order-free fashion, in the search form. */
export function matchesSearch(searchForm: string, query: string): boolean {
  const words = toSearchForm(query).split(" ").filter(Boolean);
  return words.every((w) => searchForm.includes(w));
}

/** Escapes LIKE wildcards in user input. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

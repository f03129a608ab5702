// VietQR (NAPAS 247 on the EMVCo merchant-presented QR format): the payload a banking app reads to
// transfer to an account with the amount and the note filled in. Pure; the checksum is CRC-16/CCITT-FALSE
// (poly 0x1021, init 0xFFFF) from the maintained `crc` package (ADR 1102).
//
// Layout (ID, length as two digits, value):
//   00 "01" payload format · 01 "12" dynamic (one amount) or "11" static ·
//   38 merchant account: 00 "A000000727" (NAPAS), 01 beneficiary (00 bank BIN, 01 account number), 02 "QRIBFTTA" (to an account) ·
//   53 "704" (VND) · 54 amount · 58 "VN" · 62 additional data: 08 purpose (the transfer note) · 63 CRC over everything before it incl. "6304".
import { crc16ccitt } from "crc";
import { toSearchForm } from "./text";

export type VietQrInput = {
  /** the bank's 6-digit NAPAS BIN, e.g. "970436" (Vietcombank) */
  bankBin: string;
  accountNo: string;
  /** whole VND; omitted for a static code (the payer types the amount) */
  amount?: number;
  note?: string;
};

export const NAPAS_GUID = "A000000727";
export const SERVICE_TO_ACCOUNT = "QRIBFTTA";
/** EMVCo's limit for "purpose of transaction" (62/08). */
export const NOTE_MAX = 25;

const tlv = (id: string, value: string) => {
  if (value.length > 99) throw new RangeError(`EMV field ${id} longer than 99 characters`);
  return id + String(value.length).padStart(2, "0") + value;
};

/** A NAPAS BIN is 6 digits; an account number 1–19 digits or capital letters (some banks use letters). */
export function isValidBankBin(s: string): boolean {
  return /^9\d{5}$/.test(s);
}
export function isValidAccountNo(s: string): boolean {
  return /^[0-9A-Z]{1,19}$/.test(s);
}

/** Letters, digits and spaces only, upper case, no diacritics: what every banking app accepts in a note. */
export function transferNoteText(s: string): string {
  return toSearchForm(s).toUpperCase();
}

/** The note that identifies a person's payment: "BHXHTN <last 6 ID digits> <NAME WITHOUT DIACRITICS>".
 *  Within EMVCo's 25 characters: family and middle names shrink to initials first ("NGUYEN VAN AN" →
 *  "N V AN"), so the given name survives; only then is the note cut. */
export function transferNote(personalId: string, fullName: string): string {
  const head = `BHXHTN ${personalId.slice(-6)} `;
  const words = transferNoteText(fullName).split(" ").filter(Boolean);
  for (let i = 0; head.length + words.join(" ").length > NOTE_MAX && i < words.length - 1; i++) words[i] = words[i][0];
  return (head + words.join(" ")).slice(0, NOTE_MAX).trim();
}

export function crc16Hex(s: string): string {
  return crc16ccitt(s).toString(16).toUpperCase().padStart(4, "0");
}

export function vietQrPayload(input: VietQrInput): string {
  if (!isValidBankBin(input.bankBin)) throw new RangeError("bank BIN must be 6 digits starting with 9");
  if (!isValidAccountNo(input.accountNo)) throw new RangeError("account number must be 1–19 digits or capital letters");
  if (input.amount !== undefined && (!Number.isSafeInteger(input.amount) || input.amount <= 0 || String(input.amount).length > 13)) {
    throw new RangeError("amount must be a positive whole VND");
  }
  const note = input.note ? transferNoteText(input.note).slice(0, NOTE_MAX).trim() : "";
  const beneficiary = tlv("00", input.bankBin) + tlv("01", input.accountNo);
  const parts = [
    tlv("00", "01"),
    tlv("01", input.amount !== undefined ? "12" : "11"),
    tlv("38", tlv("00", NAPAS_GUID) + tlv("01", beneficiary) + tlv("02", SERVICE_TO_ACCOUNT)),
    tlv("53", "704"),
    ...(input.amount !== undefined ? [tlv("54", String(input.amount))] : []),
    tlv("58", "VN"),
    ...(note ? [tlv("62", tlv("08", note))] : []),
  ];
  const body = parts.join("") + "6304";
  return body + crc16Hex(body);
}

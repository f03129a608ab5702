// The TK1-TS declaration ("Tờ khai tham gia, điều chỉnh thông tin BHXH, BHYT", Decision 505/QĐ-BHXH as
// amended by Decision 490/QĐ-BHXH of 28/03/2023), prefilled with what the app knows of a person: fields
// [01]–[08] as numbered on the form, then the address, SI code, contribution level and payment method
// (labelled, not numbered: docs/features/paperwork.md says why). Pure; the page prints it on one A4 page.
import { formatDate } from "@/lib/i18n/format";
import { enrollmentVi } from "@/lib/i18n/areas/enrollment";
import type { PaymentPeriod, SubsidyGroup } from "./types";

export type Tk1Person = {
  fullName: string;
  sex: "MALE" | "FEMALE";
  dateOfBirth: string;
  nationality: string;
  ethnicity: string | null;
  personalId: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  communeName: string;
  areaName: string;
  siCode: string | null;
  declaredIncome: number;
  paymentPeriod: PaymentPeriod;
  subsidyGroup: SubsidyGroup;
  agentName: string | null;
};

/** One line of the form: its number on the form ("01") when it has one, the label, and the value ("" = left blank to write by hand). */
export type Tk1Field = { no: string | null; key: string; label: string; value: string };

const vnd = (n: number) => `${n.toLocaleString("vi-VN")} đồng`;

export function tk1Fields(e: Tk1Person): Tk1Field[] {
  const vi = enrollmentVi;
  const address = [e.address, e.address?.includes(e.communeName) ? null : e.communeName, e.areaName].filter(Boolean).join(", ");
  return [
    { no: "01", key: "fullName", label: "Họ và tên (viết chữ in hoa)", value: e.fullName.toLocaleUpperCase("vi-VN") },
    { no: "02", key: "sex", label: "Giới tính", value: vi.sex[e.sex] },
    { no: "03", key: "dateOfBirth", label: "Ngày, tháng, năm sinh", value: formatDate(e.dateOfBirth) },
    { no: "04", key: "nationality", label: "Quốc tịch", value: e.nationality },
    { no: "05", key: "ethnicity", label: "Dân tộc", value: e.ethnicity ?? "" },
    { no: "06", key: "personalId", label: "Số CCCD/ĐDCN/Hộ chiếu", value: e.personalId },
    { no: "07", key: "phone", label: "Điện thoại liên hệ", value: e.phone ?? "" },
    { no: "08", key: "email", label: "Email", value: e.email ?? "" },
    { no: null, key: "address", label: "Địa chỉ nơi ở (số nhà, đường/thôn, xã/phường, tỉnh/thành phố)", value: address },
    { no: null, key: "siCode", label: "Mã số BHXH (nếu đã có)", value: e.siCode ?? "" },
    { no: null, key: "declaredIncome", label: "Mức thu nhập tháng làm căn cứ đóng BHXH tự nguyện", value: vnd(e.declaredIncome) },
    { no: null, key: "paymentPeriod", label: "Phương thức đóng", value: vi.period[e.paymentPeriod] },
    { no: null, key: "subsidyGroup", label: "Đối tượng được Nhà nước hỗ trợ tiền đóng", value: vi.subsidyGroup[e.subsidyGroup] },
    { no: null, key: "agent", label: "Đại lý thu", value: e.agentName ?? "" },
  ];
}

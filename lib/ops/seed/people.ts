// Vietnamese-looking names for demo and scale data.
import { pick, type Rng } from "./random";

const FAMILY = [
  "Nguyễn",
  "Nguyễn",
  "Nguyễn",
  "Trần",
  "Trần",
  "Lê",
  "Lê",
  "Phạm",
  "Hoàng",
  "Huỳnh",
  "Phan",
  "Vũ",
  "Võ",
  "Đặng",
  "Bùi",
  "Đỗ",
  "Hồ",
  "Ngô",
  "Dương",
  "Lý",
];
const MIDDLE_M = ["Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Công", "Xuân"];
const MIDDLE_F = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng", "Kim"];
const GIVEN_M = [
  "An",
  "Bình",
  "Cường",
  "Dũng",
  "Đạt",
  "Hải",
  "Hùng",
  "Hưng",
  "Khánh",
  "Long",
  "Mạnh",
  "Nam",
  "Phong",
  "Quân",
  "Sơn",
  "Thắng",
  "Toàn",
  "Trung",
  "Tuấn",
  "Việt",
];
const GIVEN_F = [
  "Anh",
  "Châu",
  "Dung",
  "Giang",
  "Hà",
  "Hằng",
  "Hoa",
  "Hương",
  "Lan",
  "Linh",
  "Mai",
  "Nga",
  "Ngân",
  "Nhung",
  "Phương",
  "Quỳnh",
  "Thảo",
  "Trang",
  "Vân",
  "Yến",
];

export function vietnameseName(rng: Rng, sex: "MALE" | "FEMALE"): string {
  return sex === "MALE"
    ? `${pick(rng, FAMILY)} ${pick(rng, MIDDLE_M)} ${pick(rng, GIVEN_M)}`
    : `${pick(rng, FAMILY)} ${pick(rng, MIDDLE_F)} ${pick(rng, GIVEN_F)}`;
}

export function mobilePhone(rng: Rng): string {
  const prefix = pick(rng, ["090", "091", "093", "094", "096", "097", "098", "086", "088", "032", "035", "038", "070", "077", "083"]);
  return prefix + String(Math.floor(rng() * 10_000_000)).padStart(7, "0");
}

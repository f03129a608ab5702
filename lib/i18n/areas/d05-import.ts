// The importer's second layout: a D05-TS list (lib/server/imports/d05-layout.ts). Column captions of the
// rows' report and the messages of what the list itself cannot say.
export const d05ImportVi = {
  layout: "Danh sách D05-TS",
  derived: {
    sex: "Giới tính (theo chữ số thứ 4 của số CCCD)",
    paymentPeriod: "Phương thức đóng (theo cột 6)",
    agentCode: "Mã đại lý thu (đầu trang)",
    communeCode: "Mã xã (theo địa chỉ, cột 2)",
    subsidyGroup: "Nhóm đối tượng hỗ trợ (theo tỷ lệ cột 10, 12)",
    occupation: "Nhóm nghề nghiệp (mặc định: Khác)",
    method: "Hình thức nộp tiền (mặc định: Tiền mặt)",
  },
  noBirthDate: "Danh sách D05-TS không ghi ngày sinh: thêm cột «Ngày sinh» bên phải cột 17 (hoặc đăng ký người này trước)",
  noCommune: "Không xác định được xã/phường từ địa chỉ (cột 2) trong các xã đại lý phục vụ: thêm cột «Mã xã» bên phải cột 17",
  noAgent: "Đầu trang không ghi mã đại lý thu («Mã đại lý thu: …»): thêm cột «Mã đại lý thu» bên phải cột 17",
  noRate: "Không suy ra được nhóm đối tượng hỗ trợ từ tỷ lệ cột 10 ({rate}): thêm cột «Nhóm đối tượng hỗ trợ» bên phải cột 17",
  ambiguousRate: "Tỷ lệ hỗ trợ {rate}% ứng với nhiều nhóm ({groups}): thêm cột «Nhóm đối tượng hỗ trợ» bên phải cột 17",
  badMonths: "Số tháng đóng phải là số nguyên từ 1 đến 60",
  amountDiffers: "Cột {column} ghi {given}, nhưng theo mức thu nhập, số tháng và chính sách ngày {date} là {computed}",
  fromMonthDiffers: "Cột 7 ghi {given}, nhưng khoản đóng đầu tiên bắt đầu từ tháng nộp tiền {computed}",
};

export const d05ImportEn: typeof d05ImportVi = {
  layout: "D05-TS list",
  derived: {
    sex: "Sex (from digit 4 of the ID number)",
    paymentPeriod: "Payment period (from column 6)",
    agentCode: "Agent code (from the heading)",
    communeCode: "Commune code (from the address, column 2)",
    subsidyGroup: "Subsidy group (from the rates of columns 10, 12)",
    occupation: "Occupation group (default: Other)",
    method: "Payment method (default: Cash)",
  },
  noBirthDate: "A D05-TS list has no date of birth: add a «Ngày sinh» column right of column 17 (or register this person first)",
  noCommune: "Cannot tell the commune from the address (column 2) among the agent's communes: add a «Mã xã» column right of column 17",
  noAgent: "The heading gives no agent code («Mã đại lý thu: …»): add a «Mã đại lý thu» column right of column 17",
  noRate: "Cannot tell the subsidy group from the rate in column 10 ({rate}): add a «Nhóm đối tượng hỗ trợ» column right of column 17",
  ambiguousRate: "A support rate of {rate}% fits several groups ({groups}): add a «Nhóm đối tượng hỗ trợ» column right of column 17",
  badMonths: "Months paid must be a whole number from 1 to 60",
  amountDiffers: "Column {column} says {given}, but the income, months and policy of {date} give {computed}",
  fromMonthDiffers: "Column 7 says {given}, but a first payment starts in the month it is paid, {computed}",
};

// Interface text for the dashboard's map and the notes about the 2025 administrative reform (issue 14).
export const mapVi = {
  title: "Bản đồ",
  titleOf: { PROVINCE: "Bản đồ các tỉnh/thành phố", COMMUNE: "Bản đồ các xã/phường/đặc khu" },
  measure: "Chỉ số",
  measures: {
    attainment: "Tỷ lệ hoàn thành kế hoạch",
    coverage: "Tỷ lệ bao phủ lực lượng lao động",
    r28: "Mức đạt so với mục tiêu NQ28",
    renewal: "Tỷ lệ tái tục",
  },
  noData: "Không có số liệu / chưa giao chỉ tiêu",
  legend: "Chú giải",
  below: "dưới {to}%",
  between: "{from}% – dưới {to}%",
  above: "từ {from}% trở lên",
  asOf: "Số liệu ngày {date}",
  loading: "Đang tải bản đồ…",
  failed: "Không tải được bản đồ.",
  clickHint: "Bấm vào một đơn vị để xem chi tiết (trên điện thoại: bấm hai lần).",
  open: "Xem chi tiết",
  participants: "Người tham gia",
  target: "Chỉ tiêu",
  attainment: "Hoàn thành kế hoạch",
  coverage: "Bao phủ",
  missing: "Còn thiếu so với NQ28",
  renewal: "Tái tục",
  renewalCounts: "{renewed}/{ended} người hết hạn đã tái tục",
  renewalPeriod:
    'Tỷ lệ tái tục: trong số người hết hạn đóng từ {from} đến {to}, tỷ lệ đã đóng tiếp trong 3 tháng; "không có số liệu" khi không ai hết hạn trong kỳ.',
  renewalProvisional: "Số liệu tạm tính: thời gian gia hạn của một số người chưa hết.",
  units: "{n} đơn vị",
  source:
    "Ranh giới: thanglequoc/vietnamese-provinces-database (MIT), từ Bản đồ đơn vị hành chính sapnhap.bando.com.vn. Bản đồ hiển thị, không có giá trị pháp lý.",
  // history across the 1 July 2025 reform
  beforeReform:
    "Số liệu trước ngày 01/07/2025 được tính theo đơn vị hành chính hiện nay (34 tỉnh/thành phố, xã/phường sau sắp xếp); khu vực BHXH cơ sở tương ứng với huyện cũ.",
  oldCommuneCode: "Mã xã cũ (trước 01/07/2025)",
  oldCodeUnknown: "Mã xã cũ {code} không có trong danh mục xã trước 01/07/2025 của đơn vị bạn quản lý.",
  oldCodeNotUnique:
    "Mã xã cũ {code} ({name}, {district}): khu vực {district} hiện không có đúng một xã/phường cùng tên, nên không tự xác định được xã mới. Các xã/phường của khu vực: {candidates}. Vui lòng ghi mã xã hiện nay.",
  oldCodeMismatch: "Mã xã {given} không thuộc khu vực {district} của mã xã cũ {code}.",
};

export const mapEn: typeof mapVi = {
  title: "Map",
  titleOf: { PROVINCE: "Map of the provinces", COMMUNE: "Map of the communes" },
  measure: "Measure",
  measures: {
    attainment: "Plan attainment",
    coverage: "Coverage of the labour force",
    r28: "Share of Resolution 28's expected coverage",
    renewal: "Renewal rate",
  },
  noData: "No data / no target",
  legend: "Legend",
  below: "below {to}%",
  between: "{from}% to under {to}%",
  above: "{from}% and over",
  asOf: "Figures on {date}",
  loading: "Loading the map…",
  failed: "The map could not be loaded.",
  clickHint: "Click a unit to open it (on a phone: tap twice).",
  open: "Open",
  participants: "Participants",
  target: "Target",
  attainment: "Plan attainment",
  coverage: "Coverage",
  missing: "Missing to Resolution 28",
  renewal: "Renewal",
  renewalCounts: "{renewed} of {ended} whose coverage ended renewed",
  renewalPeriod:
    'Renewal rate: of the people whose coverage ended from {from} to {to}, the share who paid on within 3 months; "no data" when nobody\'s coverage ended in the period.',
  renewalProvisional: "Provisional: some of them are still in their grace period.",
  units: "{n} units",
  source:
    "Boundaries: thanglequoc/vietnamese-provinces-database (MIT), from the administrative map at sapnhap.bando.com.vn. A display map, not a legal boundary.",
  beforeReform:
    "Figures before 1 July 2025 are computed under today's administrative units (34 provinces, the merged communes); a local office area is a former district.",
  oldCommuneCode: "Former commune code (before 1 July 2025)",
  oldCodeUnknown: "Former commune code {code} is not in the pre-1 July 2025 list of communes of your unit.",
  oldCodeNotUnique:
    "Former commune code {code} ({name}, {district}): the area {district} has no single commune of that name today, so the new commune cannot be told. The area's communes: {candidates}. Please give today's commune code.",
  oldCodeMismatch: "Commune {given} is not in {district}, the former district of old commune code {code}.",
};

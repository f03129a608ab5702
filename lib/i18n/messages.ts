// Interface text. Vietnamese is the default; English must have exactly the same keys
// (the type of `en` is the type of `vi`, so a missing translation fails the type-check).
import { agentsEn, agentsVi } from "./areas/agents";
import { conferencesEn, conferencesVi } from "./areas/conferences";
import { dashboardEn, dashboardVi, mapEn, mapVi } from "./areas/dashboard";
import { enrollmentEn, enrollmentVi } from "./areas/enrollment";
import { fieldEn, fieldVi } from "./areas/field";
import { importsEn, importsVi } from "./areas/imports";
import { commissionsEn, commissionsVi, d05ImportEn, d05ImportVi, paperworkEn, paperworkVi, tk1En, tk1Vi } from "./areas/paperwork";
import { referenceEn, referenceVi } from "./areas/reference";
import { renewalsEn, renewalsVi } from "./areas/renewals";
import { seamEn, seamVi, shellEn, shellVi } from "./areas/shell";
import { offlineEn, offlineVi } from "./areas/sync";
import { targetsEn, targetsVi } from "./areas/targets";
import { auditLedgerEn, auditLedgerVi, trustEn, trustVi } from "./areas/trust";
import { adminEn, adminVi } from "./areas/users";

import type { Locale } from "./locale";
export { fill, LOCALE_COOKIE, LOCALES, type Locale } from "./locale";

const vi = {
  appName: "Quản lý phát triển BHXH tự nguyện",
  appShort: "BHXH tự nguyện",
  signIn: "Đăng nhập",
  signOut: "Đăng xuất",
  login: "Tên đăng nhập",
  password: "Mật khẩu",
  loginInvalid: "Tên đăng nhập hoặc mật khẩu không đúng.",
  loginLocked: "Đăng nhập sai nhiều lần từ máy này. Vui lòng thử lại sau {minutes} phút.",
  loginRequired: "Vui lòng nhập tên đăng nhập và mật khẩu.",
  signingIn: "Đang đăng nhập…",
  language: "Ngôn ngữ",
  switchTo: "English",
  nav: {
    home: "Đơn vị",
    dashboard: "Tổng quan",
    enrollees: "Người đã đăng ký",
    register: "Đăng ký tham gia",
    imports: "Nhập từ Excel",
    renewals: "Danh sách đến hạn",
    field: "Việc hôm nay",
    fieldPeople: "Người của tôi",
    targets: "Chỉ tiêu",
    agents: "Đại lý thu",
    conferences: "Hội nghị tuyên truyền",
    reference: "Danh mục",
    users: "Người dùng",
    audit: "Nhật ký thao tác",
    dataQuality: "Chất lượng dữ liệu",
  },
  roles: { ADMIN: "Quản trị", PROVINCE_OFFICER: "Cán bộ cấp tỉnh", DISTRICT_STAFF: "Cán bộ BHXH cơ sở", COLLECTOR: "Nhân viên thu" },
  levels: { NATION: "Toàn quốc", PROVINCE: "Tỉnh/Thành phố", AREA: "Khu vực BHXH cơ sở", COMMUNE: "Xã/Phường/Đặc khu" },
  childrenOf: { NATION: "Tỉnh/Thành phố", PROVINCE: "Khu vực BHXH cơ sở (theo huyện cũ)", AREA: "Xã/Phường/Đặc khu", COMMUNE: "" },
  unit: "Đơn vị",
  code: "Mã",
  name: "Tên",
  enrollees: "Đã đăng ký",
  participantsToday: "Người tham gia hôm nay",
  target: "Chỉ tiêu {year}",
  labourForce: "Lực lượng lao động {year}",
  noTarget: "Chưa giao",
  searchUnits: "Tìm đơn vị (gõ không dấu được)",
  search: "Tìm",
  noResults: "Không tìm thấy kết quả.",
  back: "Quay lại",
  up: "Lên cấp trên",
  notFound: "Không tìm thấy trang hoặc bạn không có quyền xem.",
  forbidden: "Bạn không có quyền thực hiện thao tác này.",
  error: "Đã xảy ra lỗi. Vui lòng thử lại.",
  loading: "Đang tải…",
  total: "Tổng",
  communeCount: "Số xã",
  scopeNote: "Bạn đang xem dữ liệu của: {unit}",
  // each feature keeps its text in lib/i18n/areas/<feature>.ts, named after its folder in lib/server or
  // components; a file may hold more than one of these keys (the file is named where it differs)
  agents: agentsVi,
  conferences: conferencesVi,
  dashboard: dashboardVi,
  map: mapVi, // dashboard.ts
  enrollment: enrollmentVi,
  field: fieldVi,
  imports: importsVi,
  paperwork: paperworkVi,
  commissions: commissionsVi, // paperwork.ts
  tk1: tk1Vi, // paperwork.ts
  d05Import: d05ImportVi, // paperwork.ts
  reference: referenceVi,
  renewals: renewalsVi,
  shell: shellVi,
  seam: seamVi, // shell.ts
  offline: offlineVi, // sync.ts
  targets: targetsVi,
  trust: trustVi,
  auditLedger: auditLedgerVi, // trust.ts
  admin: adminVi, // users.ts: the accounts (`users`) and their API tokens (`tokens`)
};

export type Messages = typeof vi;

const en: Messages = {
  appName: "Voluntary Social Insurance Campaign Manager",
  appShort: "Voluntary SI",
  signIn: "Sign in",
  signOut: "Sign out",
  login: "Login",
  password: "Password",
  loginInvalid: "Wrong login or password.",
  loginLocked: "Too many failed sign-ins from this device. Try again in {minutes} minutes.",
  loginRequired: "Enter your login and password.",
  signingIn: "Signing in…",
  language: "Language",
  switchTo: "Tiếng Việt",
  nav: {
    home: "Units",
    dashboard: "Overview",
    enrollees: "Registered people",
    register: "Register enrollee",
    imports: "Import from Excel",
    renewals: "Renewals due",
    field: "Today's work",
    fieldPeople: "My people",
    targets: "Targets",
    agents: "Collection agents",
    conferences: "Outreach conferences",
    reference: "Reference data",
    users: "Users",
    audit: "Audit log",
    dataQuality: "Data quality",
  },
  roles: { ADMIN: "Administrator", PROVINCE_OFFICER: "Provincial officer", DISTRICT_STAFF: "Local office staff", COLLECTOR: "Collector" },
  levels: { NATION: "Nation", PROVINCE: "Province", AREA: "Local office area", COMMUNE: "Commune / ward" },
  childrenOf: { NATION: "Provinces", PROVINCE: "Local office areas (former districts)", AREA: "Communes / wards / special zones", COMMUNE: "" },
  unit: "Unit",
  code: "Code",
  name: "Name",
  enrollees: "Registered",
  participantsToday: "Participants today",
  target: "Target {year}",
  labourForce: "Labour force {year}",
  noTarget: "Not set",
  searchUnits: "Find a unit (diacritics optional)",
  search: "Search",
  noResults: "Nothing found.",
  back: "Back",
  up: "Up one level",
  notFound: "Page not found, or you may not see it.",
  forbidden: "You are not allowed to do this.",
  error: "Something went wrong. Please try again.",
  loading: "Loading…",
  total: "Total",
  communeCount: "Communes",
  scopeNote: "You are viewing data of: {unit}",
  agents: agentsEn,
  conferences: conferencesEn,
  dashboard: dashboardEn,
  map: mapEn,
  enrollment: enrollmentEn,
  field: fieldEn,
  imports: importsEn,
  paperwork: paperworkEn,
  commissions: commissionsEn,
  tk1: tk1En,
  d05Import: d05ImportEn,
  reference: referenceEn,
  renewals: renewalsEn,
  shell: shellEn,
  seam: seamEn,
  offline: offlineEn,
  targets: targetsEn,
  trust: trustEn,
  auditLedger: auditLedgerEn,
  admin: adminEn,
};

export const messages: Record<Locale, Messages> = { vi, en };

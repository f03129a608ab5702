// Interface text of the frame around every feature (Vietnamese first; English has the same keys): the app shell
// on phones (components/shell: the menu button, the forms' sticky amount bar; `shell`), and the seam every entry
// point goes through (lib/server/http, proxy.ts; `seam`). Neither belongs to one feature. The words every screen
// shares (app name, sign-in, navigation, roles, levels) are lib/i18n/messages.ts's own; this file stays small,
// for proxy.ts imports it.
export const shellVi = {
  menu: "Danh mục chức năng",
  menuShort: "Menu",
  amountDue: "Số tiền phải nộp",
};

export const shellEn: typeof shellVi = {
  menu: "Main menu",
  menuShort: "Menu",
  amountDue: "Amount due",
};

// Messages of the seam between entry points and lib/server (lib/server/http): what a refused server
// action shows, and the JSON API's own errors, in the caller's language.
export const seamVi = {
  signedOut: "Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại.",
  api: {
    unauthenticated: "Chưa đăng nhập",
    forbidden: "Không có quyền",
    notFound: "Không tìm thấy",
    invalid: "Dữ liệu không hợp lệ",
    invalidJson: "Nội dung phải là JSON hợp lệ",
    tooLarge: "Nội dung quá lớn: tối đa {kb} KB",
    badOrigin: "Tiêu đề Origin không hợp lệ",
    rateLimited: "Quá nhiều yêu cầu, vui lòng thử lại sau {s} giây",
    internal: "Lỗi hệ thống",
  },
};

export const seamEn: typeof seamVi = {
  signedOut: "Your session has ended. Please sign in again.",
  api: {
    unauthenticated: "Authentication required",
    forbidden: "Forbidden",
    notFound: "Not found",
    invalid: "Invalid input",
    invalidJson: "The body must be valid JSON",
    tooLarge: "The body is too large: at most {kb} KB",
    badOrigin: "Malformed Origin header",
    rateLimited: "Too many requests, retry after {s} s",
    internal: "Internal error",
  },
};

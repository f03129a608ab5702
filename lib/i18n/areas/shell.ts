// Interface text of the app shell on phones: the menu button and the forms' sticky amount bar.
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

import type { Permission } from "@/lib/server/authz";
import type { Messages } from "@/lib/i18n/messages";

export type NavItem = { href: string; label: keyof Messages["nav"]; permission: Permission };

// One list: the shell shows the items the caller's role may use.
export const NAV: NavItem[] = [
  { href: "/units", label: "home", permission: "unit.read" },
];

import type { Permission } from "@/lib/server/auth/authz";
import type { Messages } from "@/lib/i18n/messages";

export type NavItem = { href: string; label: keyof Messages["nav"]; permission: Permission };

// One list: the shell shows the items the caller's role may use.
export const NAV: NavItem[] = [
  { href: "/dashboard", label: "dashboard", permission: "unit.read" },
  { href: "/units", label: "home", permission: "unit.read" },
  { href: "/enrollees", label: "enrollees", permission: "enrollee.read" },
  { href: "/enrollees/new", label: "register", permission: "enrollee.write" },
  { href: "/imports", label: "imports", permission: "enrollee.write" },
  { href: "/renewals", label: "renewals", permission: "enrollee.read" },
  // today's worklist (issue 11): a collector's only list; district staff's too (never both on one role)
  { href: "/field", label: "field", permission: "field.work" },
  { href: "/field", label: "field", permission: "enrollee.write" },
  { href: "/targets", label: "targets", permission: "unit.read" },
  { href: "/agents", label: "agents", permission: "unit.read" },
  { href: "/conferences", label: "conferences", permission: "unit.read" },
  { href: "/reference", label: "reference", permission: "reference.write" },
  { href: "/users", label: "users", permission: "user.manage" },
  { href: "/data-quality", label: "dataQuality", permission: "enrollee.read" },
  { href: "/audit", label: "audit", permission: "audit.read" },
];

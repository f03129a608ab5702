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
  // a collector's people and its registrations (issue 11, item 2): desk roles use /enrollees
  { href: "/field/people", label: "fieldPeople", permission: "field.work" },
  { href: "/enrollees/new", label: "register", permission: "field.work" },
  { href: "/field", label: "field", permission: "enrollee.write" },
  { href: "/targets", label: "targets", permission: "unit.read" },
  { href: "/agents", label: "agents", permission: "unit.read" },
  { href: "/conferences", label: "conferences", permission: "unit.read" },
  { href: "/reference", label: "reference", permission: "reference.write" },
  { href: "/users", label: "users", permission: "user.manage" },
  { href: "/data-quality", label: "dataQuality", permission: "enrollee.read" },
  { href: "/audit", label: "audit", permission: "audit.read" },
];

/**
 * Where each role lands after signing in (and at "/"): officers follow the figures, local office staff
 * work their list of people due, administrators set targets. One place, so a new worklist only changes
 * the line of its role.
 */
export function landingPath(role: "ADMIN" | "PROVINCE_OFFICER" | "DISTRICT_STAFF" | "COLLECTOR"): string {
  switch (role) {
    case "ADMIN":
      return "/targets";
    case "PROVINCE_OFFICER":
      return "/dashboard";
    case "DISTRICT_STAFF":
      return "/renewals";
    case "COLLECTOR":
      return "/field"; // its worklist: it has no unit pages
  }
}

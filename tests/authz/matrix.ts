// The authorization matrix: every page, route handler (per HTTP method) and exported server action of
// app/, with the outcome expected for each caller inside and outside its scope, and unauthenticated.
// tests/unit/authz-matrix-complete.test.ts fails when a page, route, method or action has no row here
// (or a row names something that no longer exists); tests/integration/authz-matrix-*.test.ts call every
// row as every caller against a real database and compare with these cells.
//
// Callers (the demo users of lib/ops/seed/demo.ts): admin = ADMIN of the nation (VN), admin.hanoi =
// ADMIN of Hà Nội (01), tinh.hanoi = PROVINCE_OFFICER of Hà Nội, cs.badinh = DISTRICT_STAFF of Ba Đình (001).
// "in"  = the row's object lies in Ba Đình (001, Hà Nội): inside every caller's scope.
// "out" = it lies outside the caller's scope: Vinh (412, Nghệ An) for the Hà Nội admin and officer,
//         Đống Đa (006, Hà Nội) for Ba Đình's staff; the national admin has no outside ("n/a").
// Rows without an object (a list, a form for a new record, …) use "n/a" for "out" where no
// out-of-scope variant exists.

export const CALLERS = ["admin", "admin.hanoi", "tinh.hanoi", "cs.badinh"] as const;
export type Caller = (typeof CALLERS)[number];

/**
 * ok        allowed: a page renders, a route answers 2xx, an action succeeds (or redirects onwards)
 * empty     allowed but the answer holds no row: a list filtered outside the scope
 * login     a page sends the caller to /login
 * invalid   refused as invalid input (400 / field error): an out-of-scope unit, commune or user offered
 *           where the caller may only choose its own reveals nothing and changes nothing
 * 401       unauthenticated (routes: status; actions: the form's "sign in again" message)
 * 403       forbidden: the role lacks the permission (routes: status; pages: forbidden(); actions: the form's
 *           "not allowed" message)
 * 404       not found: the object is outside the scope (or missing) — indistinguishable from missing
 *           (actions: the form's "not found" message)
 * Server actions never throw a refusal (Next would answer 500): every one answers with its form state,
 * through lib/server/http/action.ts (runAction).
 * redirect:/path  a page that only redirects
 */
export type Outcome = "ok" | "empty" | "login" | "invalid" | 401 | 403 | 404 | `redirect:${string}`;
export type Cell = Outcome | "n/a";
type Four<T> = readonly [T, T, T, T]; // in the order of CALLERS

export type Row = { anon: Outcome; in: Four<Outcome>; out: Four<Cell> };
export type Entry = Row & {
  kind: "page" | "route" | "action";
  /** page: URL pattern; route: "METHOD /url/pattern"; action: "file#export" */
  target: string;
  /** a second row for the same target (e.g. one action serving several tables) */
  variant?: string;
  note?: string;
};

const OK = "ok",
  EMPTY = "empty",
  LOGIN = "login",
  INVALID = "invalid",
  NA = "n/a";

const page = (target: string, row: Row, note?: string): Entry => ({ kind: "page", target, ...row, note });
const route = (target: string, row: Row, note?: string): Entry => ({ kind: "route", target, ...row, note });
const action = (target: string, row: Row, variant?: string, note?: string): Entry => ({ kind: "action", target, variant, ...row, note });

// Frequent rows. Columns: [admin, admin.hanoi, tinh.hanoi, cs.badinh].
const READ_SCOPED_PAGE: Row = { anon: LOGIN, in: [OK, OK, OK, OK], out: [NA, 404, 404, 404] };
const READ_PAGE: Row = { anon: LOGIN, in: [OK, OK, OK, OK], out: [NA, NA, NA, NA] };
const ADMIN_PAGE: Row = { anon: LOGIN, in: [OK, OK, 403, 403], out: [NA, NA, NA, NA] };
const STAFF_PAGE: Row = { anon: LOGIN, in: [403, 403, 403, OK], out: [NA, NA, NA, NA] };
const STAFF_SCOPED_PAGE: Row = { anon: LOGIN, in: [403, 403, 403, OK], out: [NA, 403, 403, 404] };
const READ_SCOPED_API: Row = { anon: 401, in: [OK, OK, OK, OK], out: [NA, 404, 404, 404] };

export const MATRIX: Entry[] = [
  // ── pages (app/**/page.tsx); the sign-in proxy (proxy.ts) also sends every page but /login to /login
  page(
    "/",
    { anon: LOGIN, in: ["redirect:/targets", "redirect:/targets", "redirect:/dashboard", "redirect:/renewals"], out: [NA, NA, NA, NA] },
    "landing page by role",
  ),
  page("/login", { anon: OK, in: ["redirect:/", "redirect:/", "redirect:/", "redirect:/"], out: [NA, NA, NA, NA] }),
  page("/units/[[...code]]", READ_SCOPED_PAGE),
  page("/dashboard", READ_SCOPED_PAGE),
  page("/dashboard/agents", READ_SCOPED_PAGE),
  page("/dashboard/breakdowns", READ_SCOPED_PAGE),
  page("/reports/monthly", READ_SCOPED_PAGE),
  page("/targets", READ_SCOPED_PAGE),
  page("/enrollees", READ_PAGE),
  page("/enrollees/new", STAFF_PAGE),
  page("/enrollees/[id]", READ_SCOPED_PAGE),
  page("/enrollees/[id]/edit", STAFF_SCOPED_PAGE),
  page("/enrollees/[id]/pay", STAFF_SCOPED_PAGE),
  page("/enrollees/[id]/tk1", READ_SCOPED_PAGE),
  page("/field/pending", STAFF_PAGE, "offline queue (issue 12): the frame only; the entries live on the device"),
  page("/imports", STAFF_PAGE),
  page("/renewals", READ_SCOPED_PAGE),
  page("/renewals/print", READ_SCOPED_PAGE),
  page("/field", READ_PAGE),
  page("/field/people", READ_PAGE),
  page("/field/[id]", READ_SCOPED_PAGE),
  page("/field/[id]/renew", STAFF_SCOPED_PAGE),
  page("/receipts/[id]", READ_SCOPED_PAGE),
  page("/data-quality", READ_PAGE),
  page("/agents", READ_PAGE),
  page("/agents/new", ADMIN_PAGE),
  page("/agents/[id]", READ_SCOPED_PAGE),
  page("/agents/[id]/d05", READ_SCOPED_PAGE),
  page("/agents/[id]/receipt-books", READ_SCOPED_PAGE),
  page("/agents/[id]/remittances", READ_SCOPED_PAGE),
  page("/agents/[id]/commissions", READ_SCOPED_PAGE),
  page("/agents/commissions", READ_PAGE, "the commission-rate tables: reference data, the same for everyone"),
  page("/enrollees/[id]/statement", READ_SCOPED_PAGE),
  page("/statements", READ_SCOPED_PAGE, "with ?agentId= of the place's agent"),
  page("/agents/[id]/edit", { anon: LOGIN, in: [OK, OK, 403, 403], out: [NA, 404, 403, 403] }),
  page("/conferences", READ_PAGE),
  page("/conferences/new", { anon: LOGIN, in: [OK, OK, 403, OK], out: [NA, NA, NA, NA] }),
  page("/conferences/[id]", READ_SCOPED_PAGE),
  page("/reference", { anon: LOGIN, in: [OK, OK, 403, 403], out: [NA, 404, 403, 403] }),
  page("/reference/import", ADMIN_PAGE),
  page("/reference/policy", ADMIN_PAGE),
  page("/audit", ADMIN_PAGE),
  page("/users", ADMIN_PAGE),
  page("/users/new", ADMIN_PAGE),
  page("/users/[id]", { anon: LOGIN, in: [OK, OK, 403, 403], out: [NA, 404, 403, 403] }),
  page("/users/tokens", ADMIN_PAGE),

  // ── route handlers (app/**/route.ts), per exported method
  route(
    "GET /api/auth/[...nextauth]",
    { anon: OK, in: [OK, OK, OK, OK], out: [NA, NA, NA, NA] },
    "next-auth's own endpoints (sign-in, session, csrf): public by design",
  ),
  route("POST /api/auth/[...nextauth]", { anon: OK, in: [OK, OK, OK, OK], out: [NA, NA, NA, NA] }, "next-auth's own endpoints: public by design"),
  route("GET /api/v1/openapi.json", { anon: OK, in: [OK, OK, OK, OK], out: [NA, NA, NA, NA] }, "the API's description, no data"),
  route("GET /api/v1/me", { anon: 401, in: [OK, OK, OK, OK], out: [NA, NA, NA, NA] }),
  route("GET /api/v1/units", READ_SCOPED_API),
  route(
    "GET /api/v1/map/[layer]",
    { anon: 401, in: [OK, OK, OK, OK], out: [NA, NA, NA, NA] },
    "public administrative geometry (the province layer or a province's communes), no data",
  ),
  route("GET /api/v1/users", { anon: 401, in: [OK, OK, 403, 403], out: [NA, EMPTY, 403, 403] }),
  route("GET /api/v1/agents", { anon: 401, in: [OK, OK, OK, OK], out: [NA, EMPTY, EMPTY, EMPTY] }),
  route("GET /api/v1/agents/[id]", READ_SCOPED_API),
  route("GET /api/v1/agents/[id]/d05", READ_SCOPED_API),
  route("GET /api/v1/d05", READ_SCOPED_API),
  route("GET /api/v1/receipt-books", READ_SCOPED_API),
  route("POST /api/v1/receipt-books", { anon: 401, in: [OK, OK, 403, OK], out: [NA, 404, 403, 404] }),
  route("GET /api/v1/receipt-books/[id]", READ_SCOPED_API),
  route("GET /api/v1/remittances", READ_SCOPED_API),
  route("POST /api/v1/remittances", { anon: 401, in: [OK, OK, 403, OK], out: [NA, 404, 403, 404] }),
  route("POST /api/v1/receipt-books/[id]/voids", { anon: 401, in: [OK, OK, 403, OK], out: [NA, 404, 403, 404] }),
  route("GET /api/v1/commissions", READ_SCOPED_API),
  route("GET /api/v1/commissions/rates", { anon: 401, in: [OK, OK, OK, OK], out: [NA, NA, NA, NA] }, "reference data, the same for everyone"),
  route("POST /api/v1/commissions/rates", { anon: 401, in: [OK, 403, 403, 403], out: [NA, NA, NA, NA] }, "national values: national admin only"),
  route(
    "DELETE /api/v1/commissions/rates/[id]",
    { anon: 401, in: [OK, 403, 403, 403], out: [NA, NA, NA, NA] },
    "a row not yet in force; national values: national admin only, and no row lies outside a scope (an unknown id is 404, a row in force 409)",
  ),
  route("GET /api/v1/enrollees/[id]/statement", READ_SCOPED_API),
  route("GET /api/v1/statements", READ_SCOPED_API),
  route("GET /api/v1/enrollees", { anon: 401, in: [OK, OK, OK, OK], out: [NA, EMPTY, EMPTY, EMPTY] }),
  route("POST /api/v1/enrollees", { anon: 401, in: [403, 403, 403, OK], out: [NA, 403, 403, INVALID] }),
  route("GET /api/v1/enrollees/[id]", READ_SCOPED_API),
  route("PATCH /api/v1/enrollees/[id]", { anon: 401, in: [403, 403, 403, OK], out: [NA, 403, 403, 404] }),
  route("GET /api/v1/enrollees/[id]/contributions", READ_SCOPED_API),
  route("POST /api/v1/enrollees/[id]/contributions", { anon: 401, in: [403, 403, 403, OK], out: [NA, 403, 403, 404] }),
  route(
    "POST /api/v1/sync",
    { anon: 401, in: [403, 403, 403, OK], out: [NA, 403, 403, 404] },
    "offline queue (issue 12): answered 200 with one outcome per entry; the entry's refusal is the cell (forbidden 403, out_of_scope 404)",
  ),
  route(
    "GET /api/v1/sync/reference",
    { anon: 401, in: [403, 403, 403, OK], out: [NA, NA, NA, NA] },
    "what a phone keeps for offline entry: its own scope only",
  ),
  route(
    "POST /api/v1/contributions",
    { anon: 401, in: [403, 403, 403, OK], out: [NA, 404, 404, 404] },
    "the person is looked up first: outside the scope it is not found whatever the role",
  ),
  route("POST /api/v1/imports", { anon: 401, in: [403, 403, 403, OK], out: [NA, 403, 403, INVALID] }),
  route("GET /api/v1/targets", READ_SCOPED_API),
  route("PUT /api/v1/targets", { anon: 401, in: [OK, OK, 403, 403], out: [NA, 404, 403, 403] }),
  route("GET /api/v1/dashboard/overview", READ_SCOPED_API),
  route("GET /api/v1/dashboard/series", READ_SCOPED_API),
  route("GET /api/v1/dashboard/league", READ_SCOPED_API),
  route("GET /api/v1/retention", READ_SCOPED_API),
  route("GET /field/[id]/qr", READ_SCOPED_API),
  route("GET /api/v1/dashboard/agents", READ_SCOPED_API),
  route("GET /api/v1/dashboard/breakdowns", READ_SCOPED_API),
  route("GET /dashboard/export", READ_SCOPED_API),
  route("GET /renewals/export", READ_SCOPED_API),
  route(
    "GET /audit/export",
    { anon: 401, in: [OK, OK, 403, 403], out: [NA, INVALID, 403, 403] },
    "a unit filter outside the scope is refused as an unknown unit",
  ),
  route("GET /imports/template", { anon: 401, in: [403, 403, 403, OK], out: [NA, NA, NA, NA] }, "the template lists the caller's own communes and agents"),
  route("POST /api/imports/upload", { anon: 401, in: [403, 403, 403, OK], out: [NA, 403, 403, INVALID] }),
  route("POST /api/imports/confirm", { anon: 401, in: [403, 403, 403, OK], out: [NA, 403, 403, INVALID] }, "out: another user's staged job is unknown"),
  route("GET /imports/report", { anon: 401, in: [403, 403, 403, OK], out: [NA, 403, 403, 404] }, "out: another user's import job"),
  route("POST /reference/import/upload", { anon: 401, in: [OK, OK, 403, 403], out: [NA, INVALID, 403, 403] }),

  // ── server actions (exported functions of "use server" modules)
  action("app/actions/locale.ts#setLocaleAction", { anon: OK, in: [OK, OK, OK, OK], out: [NA, NA, NA, NA] }, undefined, "a language cookie, no data"),
  action("app/(app)/enrollees/actions.ts#registerAction", { anon: 401, in: [403, 403, 403, OK], out: [NA, 403, 403, INVALID] }),
  action("app/(app)/enrollees/actions.ts#updateEnrolleeAction", { anon: 401, in: [403, 403, 403, OK], out: [NA, 403, 403, 404] }),
  action("app/(app)/field/actions.ts#logContactAction", { anon: 401, in: [403, 403, 403, OK], out: [NA, 403, 403, 404] }),
  action("app/(app)/field/actions.ts#renewAction", { anon: 401, in: [403, 403, 403, OK], out: [NA, 403, 403, 404] }),
  action("app/(app)/enrollees/actions.ts#recordPaymentAction", { anon: 401, in: [403, 403, 403, OK], out: [NA, 403, 403, 404] }),
  action("app/(app)/enrollees/actions.ts#deleteEnrolleeAction", { anon: 401, in: [403, 403, 403, OK], out: [NA, 403, 403, 404] }),
  action(
    "app/(app)/enrollees/actions.ts#policyAction",
    { anon: 401, in: [OK, OK, OK, OK], out: [NA, NA, NA, NA] },
    undefined,
    "the rates in force for the caller's own province",
  ),
  action("app/(app)/agents/actions.ts#createAgentAction", { anon: 401, in: [OK, OK, 403, 403], out: [NA, INVALID, 403, 403] }),
  action("app/(app)/agents/actions.ts#updateAgentAction", { anon: 401, in: [OK, OK, 403, 403], out: [NA, 404, 403, 403] }),
  action("app/(app)/agents/actions.ts#agentStatusAction", { anon: 401, in: [OK, OK, 403, 403], out: [NA, 404, 403, 403] }),
  action("app/(app)/agents/actions.ts#addCollectorAction", { anon: 401, in: [OK, OK, 403, 403], out: [NA, 404, 403, 403] }),
  action("app/(app)/agents/actions.ts#updateCollectorAction", { anon: 401, in: [OK, OK, 403, 403], out: [NA, 404, 403, 403] }),
  action("app/(app)/agents/field-actions.ts#setCollectionAccountAction", { anon: 401, in: [OK, OK, 403, 403], out: [NA, 404, 403, 403] }),
  action("app/(app)/agents/field-actions.ts#createCollectorLoginAction", { anon: 401, in: [OK, OK, 403, 403], out: [NA, 404, 403, 403] }),
  action("app/(app)/agents/[id]/receipt-books/actions.ts#createReceiptBookAction", { anon: 401, in: [OK, OK, 403, OK], out: [NA, 404, 403, 404] }),
  action("app/(app)/agents/[id]/receipt-books/actions.ts#voidReceiptAction", { anon: 401, in: [OK, OK, 403, OK], out: [NA, 404, 403, 404] }),
  action("app/(app)/agents/[id]/receipt-books/actions.ts#closeReceiptBookAction", { anon: 401, in: [OK, OK, 403, OK], out: [NA, 404, 403, 404] }),
  action(
    "app/(app)/agents/[id]/receipt-books/actions.ts#paperworkSettingsAction",
    { anon: 401, in: [OK, OK, 403, 403], out: [NA, 404, 403, 403] },
    undefined,
    "the rules of the agent's province",
  ),
  action("app/(app)/agents/[id]/remittances/actions.ts#recordRemittanceAction", { anon: 401, in: [OK, OK, 403, OK], out: [NA, 404, 403, 404] }),
  action(
    "app/(app)/agents/commissions/actions.ts#addCommissionRateAction",
    { anon: 401, in: [OK, 403, 403, 403], out: [NA, NA, NA, NA] },
    undefined,
    "national values: national admin only",
  ),
  action(
    "app/(app)/agents/commissions/actions.ts#deleteCommissionRateAction",
    { anon: 401, in: [OK, 403, 403, 403], out: [NA, NA, NA, NA] },
    undefined,
    "a row not yet in force",
  ),
  action("app/(app)/conferences/actions.ts#createConferenceAction", { anon: 401, in: [OK, OK, 403, OK], out: [NA, INVALID, 403, INVALID] }),
  action("app/(app)/conferences/actions.ts#updateConferenceAction", { anon: 401, in: [OK, OK, 403, OK], out: [NA, 404, 403, 404] }),
  action("app/(app)/conferences/actions.ts#deleteConferenceAction", { anon: 401, in: [OK, OK, 403, OK], out: [NA, 404, 403, 404] }),
  action("app/(app)/reference/actions.ts#setLabourForceAction", { anon: 401, in: [OK, OK, 403, 403], out: [NA, INVALID, 403, 403] }),
  action(
    "app/(app)/reference/actions.ts#addPolicyRowAction",
    { anon: 401, in: [OK, OK, 403, 403], out: [NA, INVALID, 403, 403] },
    "topup",
    "a provincial top-up",
  ),
  action(
    "app/(app)/reference/actions.ts#addPolicyRowAction",
    { anon: 401, in: [OK, 403, 403, 403], out: [NA, NA, NA, NA] },
    "parameter",
    "national regulation values: national admin only",
  ),
  action("app/(app)/reference/actions.ts#deletePolicyRowAction", { anon: 401, in: [OK, OK, 403, 403], out: [NA, 404, 403, 403] }, "topup"),
  action("app/(app)/targets/actions.ts#setTargetAction", { anon: 401, in: [OK, OK, 403, 403], out: [NA, 404, 403, 403] }),
  action("app/(app)/targets/actions.ts#saveTargetsAction", { anon: 401, in: [OK, OK, 403, 403], out: [NA, 404, 403, 403] }),
  action("app/(app)/targets/actions.ts#previewAllocationAction", { anon: 401, in: [OK, OK, 403, 403], out: [NA, 404, 403, 403] }),
  action("app/(app)/targets/actions.ts#saveAllocationAction", { anon: 401, in: [OK, OK, 403, 403], out: [NA, 404, 403, 403] }),
  action(
    "app/(app)/targets/actions.ts#lockAction",
    { anon: 401, in: [OK, OK, 403, 403], out: [NA, 404, 404, 404] },
    undefined,
    "the unit is looked up in the scope before the role is checked",
  ),
  action(
    "app/(app)/targets/actions.ts#reopenAction",
    { anon: 401, in: [OK, OK, 403, 403], out: [NA, 404, 404, 404] },
    undefined,
    "the unit is looked up in the scope before the role is checked",
  ),
  action("app/(app)/users/new/actions.ts#createUserAction", { anon: 401, in: [OK, OK, 403, 403], out: [NA, INVALID, 403, 403] }),
  action("app/(app)/users/[id]/actions.ts#setActiveAction", { anon: 401, in: [OK, OK, 403, 403], out: [NA, 404, 403, 403] }),
  action("app/(app)/users/[id]/actions.ts#resetPasswordAction", { anon: 401, in: [OK, OK, 403, 403], out: [NA, 404, 403, 403] }),
  action("app/(app)/users/tokens/actions.ts#issueTokenAction", { anon: 401, in: [OK, OK, 403, 403], out: [NA, INVALID, 403, 403] }),
  action("app/(app)/users/tokens/actions.ts#revokeTokenAction", { anon: 401, in: [OK, OK, 403, 403], out: [NA, 404, 403, 403] }),
];

// ── The collector (issue 11): a fifth caller, kept in its own map so the rows above need no fifth column.
// collector.badinh = COLLECTOR bound to the collector of the Ba Đình place's agent. "in" = the Ba Đình object
// (its person is that agent's, in the agent's commune); "out" = Đống Đa's (another agent's person: 404).
// Every row not listed here is 403 for the collector, inside and outside ("n/a" outside where the row has
// no outside for the district staff): a collector reaches nothing but its own field pages.
export const COLLECTOR_CALLER = "collector.badinh" as const;
export type AnyCaller = Caller | typeof COLLECTOR_CALLER;

const COLLECTOR_CELLS: Record<string, { in: Outcome; out?: Outcome }> = {
  "/": { in: "redirect:/field" },
  "/login": { in: "redirect:/" },
  "/field": { in: OK },
  "/field/pending": { in: OK },
  "/field/people": { in: OK }, // its agent's people (a desk reader: its scope)
  // registration (issue 11, item 2): the same form, action, function and route as the desk, in its agent's
  // communes only — another commune (here Đống Đa's) is refused as invalid, like the district staff's
  "/enrollees/new": { in: OK },
  "app/(app)/enrollees/actions.ts#registerAction": { in: OK, out: INVALID },
  "app/(app)/enrollees/actions.ts#policyAction": { in: OK },
  "POST /api/v1/enrollees": { in: OK, out: INVALID },
  "GET /api/v1/enrollees": { in: OK, out: EMPTY }, // its agent's people; another area's commune: nothing
  "/field/[id]": { in: OK, out: 404 },
  "/field/[id]/renew": { in: OK, out: 404 },
  // the TK1-TS declaration its registered person signs (linked from /field/[id]): its agent's people only
  "/enrollees/[id]/tk1": { in: OK, out: 404 },
  "/receipts/[id]": { in: OK, out: 404 },
  "app/(app)/field/actions.ts#logContactAction": { in: OK, out: 404 },
  "app/(app)/field/actions.ts#renewAction": { in: OK, out: 404 },
  "GET /api/v1/me": { in: OK },
  // public by design (open to anyone, signed in or not)
  "GET /api/auth/[...nextauth]": { in: OK },
  "POST /api/auth/[...nextauth]": { in: OK },
  "GET /api/v1/openapi.json": { in: OK },
  "app/actions/locale.ts#setLocaleAction": { in: OK },
  "GET /field/[id]/qr": { in: OK, out: 404 },
  "POST /api/v1/enrollees/[id]/contributions": { in: OK, out: 404 }, // records a payment for its agent's person
  "GET /api/v1/retention": { in: OK, out: 404 }, // its own figures; another area's unit is not found
  "POST /api/v1/sync": { in: OK, out: 404 }, // its queued payment for its agent's person; another agent's person is not found
  "GET /api/v1/sync/reference": { in: OK }, // its agent's communes and agent
};

/** The collector's expected outcome for a row: its entry in COLLECTOR_CELLS, else 403 (forbidden). */
export function collectorCell(e: Entry): { in: Outcome; out: Cell } {
  const c = COLLECTOR_CELLS[keyOf(e)];
  return { in: c?.in ?? 403, out: e.out[3] === NA ? NA : (c?.out ?? 403) };
}
export const COLLECTOR_CELL_KEYS = Object.keys(COLLECTOR_CELLS);

/** The key a test uses for a row: the target, and the variant when there is one. */
export const keyOf = (e: Pick<Entry, "target" | "variant">) => (e.variant ? `${e.target} [${e.variant}]` : e.target);

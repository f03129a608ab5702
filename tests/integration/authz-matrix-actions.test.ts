// The authorization matrix, server actions: every exported function of every "use server" module called as
// every caller inside and outside its scope, and signed out — against a real migrated database. The outcome
// is compared with its cell of tests/authz/matrix.ts, and every refused call must change no data.
// Actions read the caller from next-auth's getServerSession (lib/server/auth/session.ts): that is the one thing
// mocked, to return the caller's session; next/headers and next/cache have no request scope outside Next.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ZodError } from "zod";
import { freshDb, type TestDb } from "./db";
import { registrationInput } from "../fixtures/enrollment";
import { agentInput } from "../fixtures/agents";
import { scanSurface } from "../authz/surface";
import { buildWorld, cellsOf, fingerprint, label, session, TODAY, type CellCase, type Place, type World } from "../authz/harness";
import type { AnyCaller as Caller, Outcome } from "../authz/matrix";
import { AuthError } from "@/lib/server/auth/authz";
import { getEnrollee } from "@/lib/server/enrollment/enrollees";
import { previewAllocation } from "@/lib/server/targets/targets";
import { messages, type Messages } from "@/lib/i18n/messages";
import { targetsEn, targetsVi } from "@/lib/i18n/areas/targets";
import type { FormState } from "@/lib/validation/form";

// the session lives on globalThis (tests/authz/harness.ts: session): the factory cannot import the harness,
// which itself imports next-auth through lib/server
vi.mock("next-auth", async (orig) => {
  const s = () => (globalThis as { __authzSession?: { uid: number | null } }).__authzSession;
  return { ...(await orig<typeof import("next-auth")>()), getServerSession: async () => (s()?.uid ? { uid: s()!.uid } : null) };
});
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => undefined, delete: () => undefined }),
  headers: async () => new Headers(),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

type Ctx = { w: World; caller: Caller | null; pl: Place };
const ROOT = path.resolve(__dirname, "../..");

function form(values: Record<string, string | string[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) fd.append(k, x);
  return fd;
}
const futureDay = (w: World) => new Date(Date.UTC(2099, 0, 1 + w.seq())).toISOString().slice(0, 10);
const payment = (w: World) => ({ method: "CASH", receiptNo: `MA-${w.seq()}`, period: "ANNUAL", declaredIncome: 1_500_000, agentId: "OFFICE" });
const agentForm = async (w: World, pl: Place, id?: number) => {
  const code = id ? (await w.prisma.collectionAgent.findUniqueOrThrow({ where: { id } })).code : undefined;
  return form(agentInput({ ...(code ? { code } : {}), areaCode: pl.area, communeCodes: [pl.commune] }) as Record<string, string | string[]>);
};
const conferenceForm = (w: World, pl: Place) =>
  form({ heldOn: "2026-05-10", communeCode: pl.commune, title: `Hội nghị tuyên truyền ${w.seq()}`, attendees: "20" });

/** A receipt book of the place's agent, with a series no other cell uses. */
const bookFor = async (w: World, pl: Place) => {
  const a = await w.prisma.collectionAgent.findUniqueOrThrow({ where: { id: pl.agentId } });
  const b = await w.prisma.receiptBook.create({
    data: {
      agentId: a.id,
      provinceCode: a.provinceCode,
      areaCode: a.areaCode,
      series: `S${w.seq()}/`,
      firstNo: 1,
      lastNo: 50,
      issuedOn: new Date("2026-01-01T00:00:00Z"),
    },
  });
  return b.id;
};

/** The arguments each action is called with; the place is the cell's "in" or "out" object. */
const ARGS: Record<string, (c: Ctx) => Promise<unknown[]> | unknown[]> = {
  "app/actions/locale.ts#setLocaleAction": () => [form({ locale: "en" })],
  "app/(app)/enrollees/actions.ts#registerAction": ({ pl }) => [{ ok: false }, registrationInput({ communeCode: pl.commune })],
  "app/(app)/enrollees/actions.ts#updateEnrolleeAction": async ({ w, pl }) => {
    const e = await getEnrollee(w.prisma, pl.staff, pl.enrolleeId);
    return [pl.enrolleeId, { ok: false }, { ...e, phone: `09${String(w.seq()).padStart(8, "0")}`, version: e.version }];
  },
  "app/(app)/field/actions.ts#logContactAction": ({ pl }) => [pl.enrolleeId, form({ outcome: "NOT_REACHED", note: "Gọi không nghe máy" })],
  "app/(app)/field/actions.ts#renewAction": async ({ w, pl }) => {
    const e = await w.fresh.enrollee(pl);
    await w.prisma.enrollee.update({ where: { id: e.id }, data: { agentId: pl.agentId } });
    return [e.id, form({ method: "CASH" })];
  },
  "app/(app)/enrollees/actions.ts#recordPaymentAction": async ({ w, pl }) => [(await w.fresh.enrollee(pl)).id, { ok: false }, payment(w)],
  "app/(app)/enrollees/actions.ts#deleteEnrolleeAction": async ({ w, pl }) => [await w.fresh.bareEnrollee(pl), { ok: false }, new FormData()],
  "app/(app)/enrollees/actions.ts#policyAction": () => [TODAY],
  "app/(app)/agents/actions.ts#createAgentAction": async ({ w, pl }) => [{ ok: false }, await agentForm(w, pl)],
  "app/(app)/agents/actions.ts#updateAgentAction": async ({ w, pl }) => [pl.agentId, { ok: false }, await agentForm(w, pl, pl.agentId)],
  "app/(app)/agents/actions.ts#agentStatusAction": async ({ w, pl }) => [(await w.fresh.agent(pl)).id, { ok: false }, form({ action: "suspend" })],
  "app/(app)/agents/actions.ts#addCollectorAction": ({ pl }) => [pl.agentId, { ok: false }, form({ name: "Lê Văn Bình" })],
  "app/(app)/agents/actions.ts#updateCollectorAction": ({ w, pl }) => [
    pl.agentId,
    pl.collectorId,
    { ok: false },
    form({ name: `Lê Thị Hoa ${"abc"[w.seq() % 3]}`, phone: "" }),
  ],
  "app/(app)/agents/field-actions.ts#setCollectionAccountAction": ({ w, pl }) => [
    pl.agentId,
    { ok: false },
    form({ bankBin: "970415", bankAccountNo: `1130000${w.seq()}`, bankAccountName: "BUU DIEN THU" }),
  ],
  "app/(app)/agents/field-actions.ts#createCollectorLoginAction": async ({ w, pl }) => {
    const a = await w.fresh.agent(pl); // one sign-in per collector: a new collector each call
    return [a.id, a.collectorId, { ok: false }, form({ login: `thu.${w.seq()}` })];
  },
  "app/(app)/agents/[id]/receipt-books/actions.ts#createReceiptBookAction": ({ w, pl }) => [
    pl.agentId,
    { ok: false },
    form({ series: `A${w.seq()}/`, firstNo: "1", lastNo: "50", issuedOn: "2026-01-01" }),
  ],
  "app/(app)/agents/[id]/receipt-books/actions.ts#voidReceiptAction": async ({ w, pl }) => [
    pl.agentId,
    await bookFor(w, pl),
    { ok: false },
    form({ number: "7", reason: "Viết hỏng" }),
  ],
  "app/(app)/agents/[id]/receipt-books/actions.ts#closeReceiptBookAction": async ({ w, pl }) => [
    pl.agentId,
    await bookFor(w, pl),
    { ok: false },
    form({ closedOn: "2026-06-01" }),
  ],
  "app/(app)/agents/[id]/receipt-books/actions.ts#paperworkSettingsAction": ({ w, pl }) => [
    pl.agentId,
    { ok: false },
    form({ receiptCheck: "WARN", remittanceDays: String(5 + (w.seq() % 20)) }),
  ],
  "app/(app)/agents/commissions/actions.ts#addCommissionRateAction": ({ w }) => [
    { ok: false },
    form({ agentKind: "VETERANS", newRate: "5", renewalRate: "3", effectiveFrom: futureDay(w) }),
  ],
  "app/(app)/agents/commissions/actions.ts#deleteCommissionRateAction": async ({ w }) => [
    (
      await w.prisma.commissionRate.create({
        data: { agentKind: "VETERANS", newRateBp: 500, renewalRateBp: 300, effectiveFrom: new Date(`${futureDay(w)}T00:00:00Z`) },
      })
    ).id,
    { ok: false },
  ],
  "app/(app)/agents/[id]/remittances/actions.ts#recordRemittanceAction": ({ pl }) => [
    pl.agentId,
    { ok: false },
    form({ remittedOn: "2026-06-01", amount: "1.000.000", bankReference: "FT26152001", periodFrom: "2026-05-01", periodTo: "2026-05-31" }),
  ],
  "app/(app)/conferences/actions.ts#createConferenceAction": ({ w, pl }) => [{ ok: false }, conferenceForm(w, pl)],
  "app/(app)/conferences/actions.ts#updateConferenceAction": ({ w, pl }) => [pl.conferenceId, { ok: false }, conferenceForm(w, pl)],
  "app/(app)/conferences/actions.ts#deleteConferenceAction": async ({ w, pl }) => [await w.fresh.conference(pl), { ok: false }],
  "app/(app)/reference/actions.ts#setLabourForceAction": ({ w, pl }) => [
    { ok: false },
    form({ unitCode: pl.commune, year: "2031", persons: String(1000 + w.seq()) }),
  ],
  "app/(app)/reference/actions.ts#addPolicyRowAction [topup]": ({ w, pl }) => [
    "topup",
    { ok: false },
    form({ provinceCode: pl.province, group: "OTHER", rate: "12", effectiveFrom: futureDay(w) }),
  ],
  "app/(app)/reference/actions.ts#addPolicyRowAction [parameter]": ({ w }) => [
    "parameter",
    { ok: false },
    form({ kind: "REFERENCE_LEVEL_VND", value: "2.530.000", effectiveFrom: futureDay(w), legalBasis: "Nghị định" }),
  ],
  "app/(app)/reference/actions.ts#deletePolicyRowAction [topup]": async ({ w, pl }) => ["topup", await w.fresh.topUp(pl), { ok: false }],
  "app/(app)/targets/actions.ts#setTargetAction": ({ w, pl }) => [{ ok: false }, form({ year: String(w.year()), unitCode: pl.commune, participants: "25" })],
  "app/(app)/targets/actions.ts#saveTargetsAction": ({ w, pl }) => [
    { year: w.year(), rows: [{ key: `u:${pl.commune}`, unitCode: pl.commune, participants: "25", version: null }] },
  ],
  "app/(app)/targets/actions.ts#previewAllocationAction": async ({ w, pl }) => [
    { year: await w.fresh.targetYear(pl), unitCode: pl.area, method: "EQUAL", floorCurrent: false },
  ],
  "app/(app)/targets/actions.ts#saveAllocationAction": async ({ w, pl }) => {
    const year = await w.fresh.targetYear(pl);
    const preview = await previewAllocation(w.prisma, w.national, { year, unitCode: pl.area, method: "EQUAL" }, { today: TODAY });
    return [
      {
        year,
        unitCode: pl.area,
        method: "EQUAL",
        floorCurrent: false,
        parentVersion: preview.parentVersion,
        children: preview.rows.map((r) => ({ key: r.key, version: r.version, participants: r.next })),
      },
    ];
  },
  "app/(app)/targets/actions.ts#lockAction": async ({ w, pl }) => [{ ok: false }, form({ year: String(await w.fresh.targetYear(pl)), unitCode: pl.area })],
  "app/(app)/targets/actions.ts#reopenAction": async ({ w, pl }) => [{ ok: false }, form({ year: String(await w.fresh.lockedYear(pl)), unitCode: pl.area })],
  "app/(app)/users/new/actions.ts#createUserAction": ({ w, pl }) => [
    { ok: false },
    form({ login: `moi.${w.seq()}`, name: "Nguyễn Văn Mới", role: "DISTRICT_STAFF", unitCode: pl.area, passwordMode: "generate", password: "" }),
  ],
  "app/(app)/users/[id]/actions.ts#setActiveAction": async ({ w, pl }) => [{ ok: false }, form({ id: String((await w.fresh.user(pl)).id), active: "false" })],
  "app/(app)/users/[id]/actions.ts#resetPasswordAction": async ({ w, pl }) => [
    { ok: false },
    form({ id: String((await w.fresh.user(pl)).id), passwordMode: "generate" }),
  ],
  "app/(app)/users/tokens/actions.ts#issueTokenAction": ({ pl }) => [{ ok: false }, form({ userId: String(pl.userId), name: "Tích hợp bưu điện" })],
  "app/(app)/users/tokens/actions.ts#revokeTokenAction": async ({ w, pl }) => [await w.fresh.token(pl)],
};

// the target editor's own refusals by role or level ("you may not lock targets", "only a higher admin may reopen")
// (in either language: the language switch, called as each caller, saves that caller's choice)
const TARGET_FORBIDDEN = [targetsVi, targetsEn].flatMap((tt) => [
  tt.reopenNeedsHigher,
  ...Object.entries(tt.err)
    .filter(([k]) => k.startsWith("forbidden"))
    .map(([, v]) => String(v).split("{")[0]),
]);
const either = (pick: (m: Messages) => string) => [pick(messages.vi), pick(messages.en)];

/** What the action did: a redirect → onwards ("ok") or to sign-in; the form state → ok / the "sign in again"
 *  (401), "not allowed" (403) or "not found" (404) message / field errors ("invalid"). A refusal that is
 *  thrown — an AuthError or a ZodError escaping the action — is what Next answers with a 500: it matches no
 *  cell (issue 17, item 8: refusals are refusals). */
async function outcomeOf(run: () => Promise<unknown>): Promise<{ outcome: Outcome | "threw (a 500)"; detail: string }> {
  let r: unknown;
  try {
    r = await run();
  } catch (e) {
    if (e instanceof AuthError) return { outcome: "threw (a 500)", detail: `threw AuthError ${e.status}` };
    if (e instanceof ZodError) return { outcome: "threw (a 500)", detail: `threw ${e.message.slice(0, 300)}` };
    const digest = (e as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT")) return { outcome: digest.split(";")[2] === "/login" ? "login" : "ok", detail: digest };
    throw e;
  }
  const detail = JSON.stringify(r ?? null).slice(0, 400);
  if (r === undefined || r === null || typeof r !== "object" || !("ok" in r)) return { outcome: "ok", detail };
  const s = r as FormState;
  if (s.ok) return { outcome: "ok", detail };
  const message = s.formError;
  if (message === undefined) return { outcome: "invalid", detail };
  if (either((m) => m.seam.signedOut).includes(message)) return { outcome: 401, detail };
  if (either((m) => m.forbidden).includes(message) || TARGET_FORBIDDEN.some((f) => message.startsWith(f))) return { outcome: 403, detail };
  if (either((m) => m.notFound).includes(message)) return { outcome: 404, detail };
  return { outcome: "invalid", detail };
}

let t: TestDb;
let w: World;
const fileOf = new Map(scanSurface().actions.map((a) => [a.key, a]));

beforeAll(async () => {
  t = await freshDb({ asProcessClient: true });
  w = await buildWorld(t.prisma);
});
afterAll(async () => {
  session.uid = null;
  await t.close();
});

async function call(c: CellCase, args: unknown[]) {
  const a = fileOf.get(c.entry.target)!;
  const mod = (await import(/* @vite-ignore */ path.join(ROOT, a.file))) as Record<string, (...x: unknown[]) => Promise<unknown>>;
  session.uid = c.caller ? w.principals[c.caller].userId : null;
  try {
    return await outcomeOf(() => mod[a.name](...args));
  } finally {
    session.uid = null;
  }
}

describe("authorization matrix: server actions", () => {
  it("knows how to call every action row", () => {
    expect(
      cellsOf("action")
        .map((c) => c.key)
        .filter((k) => !ARGS[k]),
    ).toEqual([]);
    expect(Object.keys(ARGS).filter((k) => !cellsOf("action").some((c) => c.key === k))).toEqual([]);
  });

  for (const c of cellsOf("action")) {
    it(label(c), async () => {
      const args = await ARGS[c.key]({ w, caller: c.caller, pl: w.placeFor(c.caller, c.where) });
      const refused = c.expected !== "ok" && c.expected !== "empty";
      const before = refused ? await fingerprint(t.prisma) : null;
      const { outcome, detail } = await call(c, args);
      expect(outcome, detail).toBe(c.expected);
      if (before) expect(await fingerprint(t.prisma), `a refused call changed the database (${detail})`).toEqual(before);
    });
  }
});

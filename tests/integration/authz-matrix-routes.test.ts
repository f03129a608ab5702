// The authorization matrix, route handlers: every method of every app/**/route.ts called as every caller
// (a bearer API token issued to the caller's user, as integrations call it) inside and outside its scope,
// and without a token — against a real migrated database. Each answer is compared with its cell of
// tests/authz/matrix.ts, and every refused call must leave the database exactly as it was.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { freshDb, type TestDb } from "./db";
import { registrationInput } from "../fixtures/enrollment";
import { csvFile } from "../fixtures/agents";
import { scanSurface } from "../authz/surface";
import { buildWorld, cellsOf, fingerprint, label, type CellCase, type Place, type World } from "../authz/harness";
import type { AnyCaller as Caller, Outcome } from "../authz/matrix";
import { getEnrollee } from "@/lib/server/enrollment/enrollees";

// No session cookie outside Next: next-auth's getServerSession answers "nobody" (the bearer token is the
// caller). next/headers has no request scope here either: an empty cookie jar.
vi.mock("next-auth", async (orig) => ({ ...(await orig<typeof import("next-auth")>()), getServerSession: async () => null }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => undefined, delete: () => undefined }),
  headers: async () => new Headers(),
}));

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Call = {
  url: string;
  /** why this handler cannot run outside Next (then the test checks what it can, and says where the rest is covered) */
  notCallable?: string;
  /** a refused attempt is itself recorded in the audit log (the data tables must still be unchanged) */
  auditsAttempt?: boolean;
  params?: Record<string, unknown>;
  json?: unknown;
  form?: FormData;
  classify?: (status: number, body: Json) => Outcome | undefined;
};
type Ctx = { w: World; caller: Caller | null; pl: Place };

const ROOT = path.resolve(__dirname, "../..");
const fileOf = new Map(scanSurface().routes.map((r) => [r.key, r.file]));
const formWith = (file: { name: string; data: Uint8Array }, extra: Record<string, string> = {}) => {
  const fd = new FormData();
  fd.set("file", new File([file.data as BlobPart], file.name));
  for (const [k, v] of Object.entries(extra)) fd.set(k, v);
  return fd;
};
const NEXTAUTH =
  "next-auth's handler reads next/headers from its own CommonJS build, which has no request scope outside Next; " +
  "sign-in through it is exercised by tests/e2e/sign-in-and-hierarchy.spec.ts and its authorize() by tests/integration/trust-rate-limit.test.ts";
const emptyIf = (n: number) => (n === 0 ? "empty" : undefined);
const payment = (w: World) => ({ method: "CASH", receiptNo: `MT-${w.seq()}`, period: "ANNUAL", declaredIncome: 1_500_000, agentId: "OFFICE" });
/** A staged import job: the caller's own when it may import, otherwise one of Ba Đình's (for "in") / the outside staff's. */
const jobFor = async ({ w, caller, pl }: Ctx) => w.fresh.job(caller === "cs.badinh" && pl === w.places.badinh ? w.principals["cs.badinh"] : pl.staff, pl);

/** An effective date no other cell uses, far ahead (commission-rate rows are one per kind, period and date). */
const futureDay = (w: World) => new Date(Date.UTC(2090, 0, 1 + w.seq())).toISOString().slice(0, 10);

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

/** How each row is called; the place is the cell's "in" or "out" object. */
const CALLS: Record<string, (c: Ctx) => Promise<Call> | Call> = {
  "GET /api/auth/[...nextauth]": () => ({ url: "/api/auth/providers", params: { nextauth: ["providers"] }, notCallable: NEXTAUTH }),
  "POST /api/auth/[...nextauth]": () => ({ url: "/api/auth/_log", params: { nextauth: ["_log"] }, json: {}, notCallable: NEXTAUTH }),
  "GET /api/v1/openapi.json": () => ({ url: "/api/v1/openapi.json" }),
  "GET /api/v1/me": () => ({ url: "/api/v1/me" }),
  "GET /api/v1/units": ({ pl }) => ({ url: `/api/v1/units?parent=${pl.area}` }),
  "GET /api/v1/map/[layer]": () => ({ url: "/api/v1/map/01", params: { layer: "01" } }),
  "GET /api/v1/users": ({ pl }) => ({ url: `/api/v1/users?q=${pl.userLogin}`, classify: (s, b) => emptyIf(b.rows?.length) }),
  "GET /api/v1/agents": ({ pl }) => ({ url: `/api/v1/agents?area=${pl.area}`, classify: (s, b) => emptyIf(b.agents?.length) }),
  "GET /api/v1/agents/[id]": ({ pl }) => ({ url: `/api/v1/agents/${pl.agentId}`, params: { id: String(pl.agentId) } }),
  "GET /api/v1/agents/[id]/d05": ({ pl }) => ({ url: `/api/v1/agents/${pl.agentId}/d05?month=2026-06&format=xlsx`, params: { id: String(pl.agentId) } }),
  "GET /api/v1/d05": ({ pl }) => ({ url: `/api/v1/d05?unit=${pl.area}&from=2026-01-01&to=2026-06-30` }),
  "GET /api/v1/receipt-books": ({ pl }) => ({ url: `/api/v1/receipt-books?agentId=${pl.agentId}` }),
  "POST /api/v1/receipt-books": ({ w, pl }) => ({
    url: "/api/v1/receipt-books",
    json: { agentId: pl.agentId, series: `R${w.seq()}/`, firstNo: 1, lastNo: 50, issuedOn: "2026-01-01" },
  }),
  "GET /api/v1/receipt-books/[id]": async ({ w, pl }) => {
    const id = await bookFor(w, pl);
    return { url: `/api/v1/receipt-books/${id}`, params: { id: String(id) } };
  },
  "POST /api/v1/receipt-books/[id]/voids": async ({ w, pl }) => {
    const id = await bookFor(w, pl);
    return { url: `/api/v1/receipt-books/${id}/voids`, params: { id: String(id) }, json: { number: 7, reason: "Viết hỏng" } };
  },
  "GET /api/v1/commissions": ({ pl }) => ({ url: `/api/v1/commissions?agentId=${pl.agentId}&month=2026-06&mode=remitted` }),
  "GET /api/v1/commissions/rates": () => ({ url: "/api/v1/commissions/rates" }),
  "POST /api/v1/commissions/rates": ({ w }) => ({
    url: "/api/v1/commissions/rates",
    json: { agentKind: "VETERANS", newRate: "5", renewalRate: "3", effectiveFrom: futureDay(w) },
  }),
  "DELETE /api/v1/commissions/rates/[id]": async ({ w }) => {
    const r = await w.prisma.commissionRate.create({
      data: { agentKind: "VETERANS", newRateBp: 500, renewalRateBp: 300, effectiveFrom: new Date(`${futureDay(w)}T00:00:00Z`) },
    });
    return { url: `/api/v1/commissions/rates/${r.id}`, params: { id: String(r.id) } };
  },
  "GET /api/v1/enrollees/[id]/statement": ({ pl }) => ({
    url: `/api/v1/enrollees/${pl.enrolleeId}/statement?year=2026`,
    params: { id: String(pl.enrolleeId) },
  }),
  "GET /api/v1/statements": ({ pl }) => ({ url: `/api/v1/statements?commune=${pl.commune}&year=2026` }),
  "GET /api/v1/remittances": ({ pl }) => ({ url: `/api/v1/remittances?agentId=${pl.agentId}` }),
  "POST /api/v1/remittances": ({ pl }) => ({
    url: "/api/v1/remittances",
    json: { agentId: pl.agentId, remittedOn: "2026-06-01", amount: 1_000_000, bankReference: "FT26152001", periodFrom: "2026-05-01", periodTo: "2026-05-31" },
  }),
  "GET /api/v1/enrollees": ({ pl }) => ({ url: `/api/v1/enrollees?commune=${pl.commune}`, classify: (s, b) => emptyIf(b.rows?.length) }),
  "POST /api/v1/enrollees": ({ pl }) => ({ url: "/api/v1/enrollees", json: registrationInput({ communeCode: pl.commune }) }),
  "GET /api/v1/enrollees/[id]": ({ pl }) => ({ url: `/api/v1/enrollees/${pl.enrolleeId}`, params: { id: String(pl.enrolleeId) } }),
  "PATCH /api/v1/enrollees/[id]": async ({ w, pl }) => {
    const e = await getEnrollee(w.prisma, pl.staff, pl.enrolleeId); // as its own area's staff read it (unmasked)
    return {
      url: `/api/v1/enrollees/${pl.enrolleeId}`,
      params: { id: String(pl.enrolleeId) },
      json: { ...e, phone: `09${String(w.seq()).padStart(8, "0")}`, version: e.version },
    };
  },
  "GET /api/v1/enrollees/[id]/contributions": ({ pl }) => ({ url: `/api/v1/enrollees/${pl.enrolleeId}/contributions`, params: { id: String(pl.enrolleeId) } }),
  "POST /api/v1/enrollees/[id]/contributions": async ({ w, pl, caller }) => {
    const e = await w.fresh.enrollee(pl); // a payment moves the person's coverage on: one person per call
    // the collector's person is its agent's (issue 11); another agent's person is "not found"
    if (caller === "collector.badinh") await w.prisma.enrollee.update({ where: { id: e.id }, data: { agentId: pl.agentId } });
    return { url: `/api/v1/enrollees/${e.id}/contributions`, params: { id: String(e.id) }, json: payment(w) };
  },
  // the offline queue (issue 12): one queued payment; its outcome is the entry's (the batch itself answers 200)
  "POST /api/v1/sync": async ({ w, pl, caller }) => {
    const e = await w.fresh.enrollee(pl);
    if (caller === "collector.badinh") await w.prisma.enrollee.update({ where: { id: e.id }, data: { agentId: pl.agentId } });
    const seen = await w.prisma.enrollee.findUniqueOrThrow({ where: { id: e.id }, select: { coverageEnd: true } });
    return {
      url: "/api/v1/sync",
      json: {
        entries: [
          {
            key: crypto.randomUUID(),
            kind: "payment",
            enrolleeId: e.id,
            coverageEndSeen: seen.coverageEnd ? seen.coverageEnd.toISOString().slice(0, 10) : null,
            data: payment(w),
          },
        ],
      },
      classify: (s, b) => {
        const r = b.results?.[0];
        if (s !== 200 || !r || r.status === "accepted") return undefined;
        return r.conflict.kind === "out_of_scope" ? 404 : r.conflict.kind === "forbidden" ? 403 : "invalid";
      },
    };
  },
  "GET /api/v1/sync/reference": () => ({ url: "/api/v1/sync/reference" }),
  "POST /api/v1/contributions": async ({ w, pl }) => {
    const e = await w.fresh.enrollee(pl);
    return { url: "/api/v1/contributions", json: { ...payment(w), personalId: e.personalId } };
  },
  "POST /api/v1/imports": ({ w, pl }) => ({
    url: "/api/v1/imports",
    form: formWith(w.importFile(pl)),
    auditsAttempt: true,
    classify: (s, b) => (s === 201 && b.created === 0 ? "invalid" : undefined),
  }),
  "GET /api/v1/targets": ({ pl }) => ({ url: `/api/v1/targets?unit=${pl.area}` }),
  "PUT /api/v1/targets": ({ w, pl }) => ({ url: "/api/v1/targets", json: { year: w.year(), unitCode: pl.commune, participants: 25 } }),
  "GET /api/v1/dashboard/overview": ({ pl }) => ({ url: `/api/v1/dashboard/overview?unit=${pl.area}` }),
  "GET /api/v1/dashboard/series": ({ pl }) => ({ url: `/api/v1/dashboard/series?unit=${pl.area}` }),
  "GET /api/v1/dashboard/league": ({ pl }) => ({ url: `/api/v1/dashboard/league?unit=${pl.area}` }),
  "GET /api/v1/retention": ({ pl }) => ({ url: `/api/v1/retention?unit=${pl.area}` }),
  "GET /field/[id]/qr": ({ pl }) => ({ url: `/field/${pl.enrolleeId}/qr`, params: { id: String(pl.enrolleeId) } }),
  "GET /api/v1/dashboard/agents": ({ pl }) => ({ url: `/api/v1/dashboard/agents?unit=${pl.area}` }),
  "GET /api/v1/dashboard/breakdowns": ({ pl }) => ({ url: `/api/v1/dashboard/breakdowns?unit=${pl.area}` }),
  "GET /dashboard/export": ({ pl }) => ({ url: `/dashboard/export?table=overview&format=csv&unit=${pl.area}` }),
  "GET /renewals/export": ({ pl }) => ({ url: `/renewals/export?format=csv&commune=${pl.commune}` }),
  "GET /audit/export": ({ pl }) => ({ url: `/audit/export?format=csv&unit=${pl.area}` }),
  "GET /imports/template": () => ({ url: "/imports/template?format=csv" }),
  "POST /api/imports/upload": ({ w, pl }) => ({ url: "/api/imports/upload", form: formWith(w.importFile(pl)) }),
  "POST /api/imports/confirm": async (c) => ({ url: "/api/imports/confirm", json: { jobId: await jobFor(c) } }),
  "GET /imports/report": async (c) => ({ url: `/imports/report?format=csv&job=${await jobFor(c)}` }),
  "POST /reference/import/upload": ({ w, pl }) => ({
    url: "/reference/import/upload",
    form: formWith(
      csvFile([
        ["mã đơn vị", "năm", "lực lượng lao động"],
        [pl.commune, 2031, 1000 + w.seq()],
      ]),
      { commit: "1" },
    ),
    classify: (s, b) => (s === 200 && (!b.written || b.valid === 0 || b.errors?.length) ? "invalid" : undefined),
  }),
};

/** What the answer means: status, or for NDJSON streams (imports) the last event. */
async function outcomeOf(res: Response, call: Call): Promise<{ outcome: Outcome; detail: string }> {
  const type = res.headers.get("content-type") ?? "";
  let body: Json = {};
  if (type.includes("ndjson")) {
    const events = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Json);
    const last = events.at(-1)!;
    const detail = JSON.stringify(last).slice(0, 400);
    if (last.type === "error") return { outcome: "invalid", detail };
    if (last.type === "preview" && last.summary.valid === 0) return { outcome: "invalid", detail };
    if (last.type === "done" && last.result.created === 0) return { outcome: "invalid", detail };
  } else if (type.includes("json")) body = (await res.json()) as Json;
  else await res.arrayBuffer();
  const detail = `${res.status} ${JSON.stringify(body).slice(0, 400)}`;
  const custom = call.classify?.(res.status, body);
  if (custom) return { outcome: custom, detail };
  if (res.status >= 200 && res.status < 400) return { outcome: "ok", detail };
  if (res.status === 400 || res.status === 409) return { outcome: "invalid", detail };
  return { outcome: res.status as Outcome, detail };
}

let t: TestDb;
let w: World;

beforeAll(async () => {
  t = await freshDb({ asProcessClient: true }); // the route handlers use the process's client
  w = await buildWorld(t.prisma);
});
afterAll(async () => {
  await t.close();
});

async function send(c: CellCase, call: Call): Promise<{ outcome: Outcome; detail: string }> {
  const [method] = c.entry.target.split(" ");
  const mod = (await import(/* @vite-ignore */ path.join(ROOT, fileOf.get(c.entry.target)!))) as Record<
    string,
    (req: NextRequest, ctx: unknown) => Promise<Response>
  >;
  const headers: Record<string, string> = { host: "127.0.0.1", "x-forwarded-for": `10.9.${w.seq() % 250}.1` };
  if (c.caller) headers.authorization = `Bearer ${w.tokens[c.caller]}`;
  if (call.json !== undefined) headers["content-type"] = "application/json";
  const req = new NextRequest(`http://127.0.0.1${call.url}`, {
    method,
    headers,
    body: call.form ?? (call.json === undefined ? undefined : JSON.stringify(call.json)),
  });
  const res = await mod[method](req, { params: Promise.resolve(call.params ?? {}) });
  return outcomeOf(res, call);
}

describe("authorization matrix: route handlers", () => {
  it("knows how to call every route row", () => {
    expect(
      cellsOf("route")
        .map((c) => c.entry.target)
        .filter((k) => !CALLS[k] || !fileOf.has(k)),
    ).toEqual([]);
  });

  for (const c of cellsOf("route")) {
    it(label(c), async () => {
      const call = await CALLS[c.entry.target]({ w, caller: c.caller, pl: w.placeFor(c.caller, c.where) });
      if (call.notCallable) {
        // public by design: what can be checked here is that both methods are next-auth's one handler
        const mod = (await import(/* @vite-ignore */ path.join(ROOT, fileOf.get(c.entry.target)!))) as Record<string, unknown>;
        expect(mod.GET, call.notCallable).toBe(mod.POST);
        expect(c.expected).toBe("ok");
        return;
      }
      // a refused write must change nothing (refused reads are not compared: a GET writes nothing before its checks)
      const refusedWrite = c.expected !== "ok" && c.expected !== "empty" && !c.entry.target.startsWith("GET ");
      const before = refusedWrite ? await fingerprint(t.prisma) : null;
      const { outcome, detail } = await send(c, call);
      expect(outcome, detail).toBe(c.expected);
      if (before) {
        const after = await fingerprint(t.prisma);
        if (call.auditsAttempt) {
          delete (before as Record<string, string>).AuditLog;
          delete (after as Record<string, string>).AuditLog;
        }
        expect(after, `a refused call changed the database (${detail})`).toEqual(before);
      }
    });
  }
});

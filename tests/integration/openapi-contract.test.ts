// The OpenAPI document (/api/v1/openapi.json, generated from zod schemas: lib/openapi) against the routes
// themselves: every route method under app/api/v1 is documented and every documented one exists, and real
// answers of every documented route — successes and errors, called with bearer tokens as integrations
// call them, against a fresh migrated database — validate against the document's schema for their status.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import Ajv2020 from "ajv/dist/2020";
import { freshDb, type TestDb } from "./db";
import { registrationInput } from "../fixtures/enrollment";
import { csvOf, person } from "../fixtures/import";
import { scanSurface } from "../authz/surface";
import { buildWorld, type Place, type World } from "../authz/harness";
import { COLLECTOR_CALLER, type AnyCaller } from "../authz/matrix";
import { addContribution, createEnrollee } from "../fixtures/factories";
import { getEnrollee } from "@/lib/server/enrollment/enrollees";
import { recordRemittance } from "@/lib/server/paperwork/remittances";
import { AT_OFFICE } from "@/lib/validation/enrollee";
import { openApiDocument } from "@/lib/openapi";

vi.mock("next-auth", async (orig) => ({ ...(await orig<typeof import("next-auth")>()), getServerSession: async () => null }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => undefined, delete: () => undefined }),
  headers: async () => new Headers(),
}));

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
/** `file`: the content type of a non-JSON answer (a download) the call expects, which the document must list beside JSON */
type Call = {
  as: AnyCaller | null;
  url: string;
  params?: Record<string, string>;
  json?: unknown;
  form?: FormData;
  raw?: string;
  status: number;
  file?: string;
};

const ROOT = path.resolve(__dirname, "../..");
const DUMP = process.env.OPENAPI_DUMP; // a folder: write every answer there (to write response schemas from)
const doc = openApiDocument() as Json;
/** app/api/v1/enrollees/[id] → "/enrollees/{id}" */
const docPath = (url: string) => url.replace(/^\/api\/v1/, "").replace(/\[([^\]]+)\]/g, "{$1}");
const apiRoutes = scanSurface().routes.filter((r) => r.url.startsWith("/api/v1"));
const fileOf = new Map(apiRoutes.map((r) => [`${r.method} ${docPath(r.url)}`, r.file]));
const form = (name: string, data: Uint8Array) => {
  const fd = new FormData();
  fd.set("file", new File([data as BlobPart], name));
  return fd;
};
const payment = (w: World) => ({ method: "CASH", receiptNo: `OA-${w.seq()}`, period: "ANNUAL", declaredIncome: 1_500_000, agentId: AT_OFFICE });
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const COLLECTOR = COLLECTOR_CALLER;

/** A receipt book (1–50) of the place's agent, with number 3 on a payment of January 2026 and number 5 voided. */
async function bookFor(w: World, pl: Place): Promise<number> {
  const a = await w.prisma.collectionAgent.findUniqueOrThrow({ where: { id: pl.agentId } });
  const series = `S${w.seq()}/`;
  const b = await w.prisma.receiptBook.create({
    data: { agentId: a.id, provinceCode: a.provinceCode, areaCode: a.areaCode, series, firstNo: 1, lastNo: 50, issuedOn: new Date("2026-01-01T00:00:00Z") },
  });
  const e = await createEnrollee(w.prisma, pl.commune, { agentId: a.id, firstCoveredOn: "2026-01-01", coverageEnd: "2026-12-31" });
  const c = await addContribution(w.prisma, e.id, "2026-01-01", "2026-12-31");
  await w.prisma.contribution.update({ where: { id: c.id }, data: { receiptNo: `${series}0000003` } });
  await w.prisma.receiptVoid.create({ data: { bookId: b.id, number: 5, reason: "Viết hỏng" } });
  return b.id;
}

/** How to call each documented operation: at least its success, and the errors it documents that a call can provoke. */
const CASES: Record<string, (w: World) => Promise<Call[]> | Call[]> = {
  "GET /openapi.json": () => [{ as: null, url: "/api/v1/openapi.json", status: 200 }],
  "GET /me": () => [
    { as: "cs.badinh", url: "/api/v1/me", status: 200 },
    { as: null, url: "/api/v1/me", status: 401 },
  ],
  "GET /units": (w) => [
    { as: "admin.hanoi", url: `/api/v1/units?parent=${w.places.badinh.area}`, status: 200 },
    { as: "admin.hanoi", url: "/api/v1/units", status: 200 },
    { as: "admin.hanoi", url: "/api/v1/units?q=ba%20dinh", status: 200 },
    { as: "cs.badinh", url: `/api/v1/units?parent=${w.places.vinh.area}`, status: 404 },
    { as: "cs.badinh", url: "/api/v1/units?parent=x", status: 400 },
  ],
  "GET /map/{layer}": () => [
    { as: "cs.badinh", url: "/api/v1/map/provinces", params: { layer: "provinces" }, status: 200 },
    { as: "admin.hanoi", url: "/api/v1/map/01", params: { layer: "01" }, status: 200 },
    { as: "admin.hanoi", url: "/api/v1/map/99", params: { layer: "99" }, status: 404 },
  ],
  "GET /retention": (w) => [
    { as: "admin.hanoi", url: "/api/v1/retention", status: 200 },
    { as: "cs.badinh", url: "/api/v1/retention?by=agent", status: 200 },
    { as: "cs.badinh", url: `/api/v1/retention?unit=${w.places.vinh.area}`, status: 404 },
    { as: "cs.badinh", url: "/api/v1/retention?by=planet", status: 400 },
  ],
  "GET /users": (w) => [
    { as: "admin.hanoi", url: "/api/v1/users", status: 200 },
    { as: "admin.hanoi", url: `/api/v1/users?q=${w.places.badinh.userLogin}`, status: 200 },
    { as: "cs.badinh", url: "/api/v1/users", status: 403 },
    { as: "admin.hanoi", url: "/api/v1/users?role=KING", status: 400 },
  ],
  "GET /agents": () => [
    { as: "admin.hanoi", url: "/api/v1/agents", status: 200 },
    { as: "admin.hanoi", url: "/api/v1/agents?state=BROKEN", status: 400 },
  ],
  "GET /agents/{id}": (w) => [
    { as: "admin.hanoi", url: `/api/v1/agents/${w.places.badinh.agentId}`, params: { id: String(w.places.badinh.agentId) }, status: 200 },
    { as: "cs.badinh", url: `/api/v1/agents/${w.places.vinh.agentId}`, params: { id: String(w.places.vinh.agentId) }, status: 404 },
  ],
  "GET /enrollees": (w) => [
    { as: "cs.badinh", url: `/api/v1/enrollees?commune=${w.places.badinh.commune}`, status: 200 },
    { as: "tinh.hanoi", url: "/api/v1/enrollees?q=nguyen", status: 200 },
    { as: "cs.badinh", url: "/api/v1/enrollees?status=ASLEEP", status: 400 },
  ],
  "POST /enrollees": (w) => [
    { as: "cs.badinh", url: "/api/v1/enrollees", json: registrationInput({ communeCode: w.places.badinh.commune }), status: 201 },
    {
      as: "cs.badinh",
      url: "/api/v1/enrollees",
      json: registrationInput({ communeCode: w.places.badinh.commune, payment: { method: "CASH", receiptNo: `OA-${w.seq()}` } }),
      status: 201,
    },
    { as: "cs.badinh", url: "/api/v1/enrollees", json: { fullName: "1" }, status: 400 },
    { as: "cs.badinh", url: "/api/v1/enrollees", raw: "{not json", status: 400 },
    { as: "tinh.hanoi", url: "/api/v1/enrollees", json: registrationInput({ communeCode: w.places.badinh.commune }), status: 403 },
  ],
  "GET /enrollees/{id}": (w) => [
    { as: "cs.badinh", url: `/api/v1/enrollees/${w.places.badinh.enrolleeId}`, params: { id: String(w.places.badinh.enrolleeId) }, status: 200 },
    { as: "tinh.hanoi", url: `/api/v1/enrollees/${w.places.badinh.enrolleeId}`, params: { id: String(w.places.badinh.enrolleeId) }, status: 200 },
    { as: "cs.badinh", url: `/api/v1/enrollees/${w.places.dongda.enrolleeId}`, params: { id: String(w.places.dongda.enrolleeId) }, status: 404 },
  ],
  "PATCH /enrollees/{id}": async (w) => {
    const pl = w.places.badinh;
    const e = await getEnrollee(w.prisma, pl.staff, pl.enrolleeId);
    const url = `/api/v1/enrollees/${pl.enrolleeId}`;
    const params = { id: String(pl.enrolleeId) };
    return [
      { as: "cs.badinh", url, params, json: { ...e, phone: "0912000111", version: e.version }, status: 200 },
      { as: "cs.badinh", url, params, json: { ...e, phone: "0912000222", version: e.version }, status: 409 }, // stale version
    ];
  },
  "GET /enrollees/{id}/contributions": (w) => [
    { as: "cs.badinh", url: `/api/v1/enrollees/${w.places.badinh.enrolleeId}/contributions`, params: { id: String(w.places.badinh.enrolleeId) }, status: 200 },
  ],
  "POST /enrollees/{id}/contributions": async (w) => {
    const e = await w.fresh.enrollee(w.places.badinh);
    await bookFor(w, w.places.badinh);
    const agents = await createEnrollee(w.prisma, w.places.badinh.commune, { agentId: w.places.badinh.agentId });
    const p = payment(w);
    return [
      { as: "cs.badinh", url: `/api/v1/enrollees/${e.id}/contributions`, params: { id: String(e.id) }, json: p, status: 201 },
      { as: "cs.badinh", url: `/api/v1/enrollees/${e.id}/contributions`, params: { id: String(e.id) }, json: p, status: 409 }, // the receipt is taken
      { as: "cs.badinh", url: `/api/v1/enrollees/${e.id}/contributions`, params: { id: String(e.id) }, json: { ...payment(w), method: "GOLD" }, status: 400 },
      // the person is an agent's with receipt books, the number is in none: recorded with a receiptWarning (the province warns)
      {
        as: "cs.badinh",
        url: `/api/v1/enrollees/${agents.id}/contributions`,
        params: { id: String(agents.id) },
        json: { ...payment(w), agentId: undefined },
        status: 201,
      },
    ];
  },
  // the offline queue (issue 12): accepted, a repeat (same answer), a refused entry, a malformed batch
  "POST /sync": async (w) => {
    const e = await w.fresh.enrollee(w.places.badinh);
    const seen = (await w.prisma.enrollee.findUniqueOrThrow({ where: { id: e.id } })).coverageEnd?.toISOString().slice(0, 10) ?? null;
    const entry = { key: crypto.randomUUID(), kind: "payment", enrolleeId: e.id, coverageEndSeen: seen, data: payment(w) };
    return [
      {
        as: "cs.badinh",
        url: "/api/v1/sync",
        json: { entries: [entry, { key: crypto.randomUUID(), kind: "registration", data: registrationInput({ communeCode: w.places.badinh.commune }) }] },
        status: 200,
      },
      { as: "cs.badinh", url: "/api/v1/sync", json: { entries: [entry] }, status: 200 },
      {
        as: "cs.badinh",
        url: "/api/v1/sync",
        json: { entries: [{ ...entry, key: crypto.randomUUID(), enrolleeId: w.places.dongda.enrolleeId }] },
        status: 200,
      },
      { as: "cs.badinh", url: "/api/v1/sync", json: { entries: [] }, status: 400 },
    ];
  },
  "GET /sync/reference": () => [
    { as: "cs.badinh", url: "/api/v1/sync/reference", status: 200 },
    { as: COLLECTOR, url: "/api/v1/sync/reference", status: 200 },
    { as: "tinh.hanoi", url: "/api/v1/sync/reference", status: 403 },
  ],
  "POST /contributions": async (w) => {
    const e = await w.fresh.enrollee(w.places.badinh);
    return [
      { as: "cs.badinh", url: "/api/v1/contributions", json: { ...payment(w), personalId: e.personalId }, status: 201 },
      { as: "cs.badinh", url: "/api/v1/contributions", json: { ...payment(w), personalId: w.places.dongda.personalId }, status: 404 },
    ];
  },
  "POST /imports": (w) => [
    { as: "cs.badinh", url: "/api/v1/imports?dryRun=true", form: form("a.csv", csvOf([person(910_001, w.places.badinh.commune)])), status: 200 },
    { as: "cs.badinh", url: "/api/v1/imports", form: form("b.csv", csvOf([person(910_002, w.places.badinh.commune)])), status: 201 },
    { as: "cs.badinh", url: "/api/v1/imports", form: form("c.csv", new TextEncoder().encode("nothing,here\n")), status: 400 },
    { as: "tinh.hanoi", url: "/api/v1/imports", form: form("d.csv", csvOf([person(910_003, w.places.badinh.commune)])), status: 403 },
  ],
  "GET /targets": (w) => [
    { as: "admin.hanoi", url: `/api/v1/targets?unit=${w.places.badinh.area}`, status: 200 },
    { as: "admin.hanoi", url: "/api/v1/targets?year=1900", status: 400 },
  ],
  "PUT /targets": (w) => {
    const year = w.year();
    return [
      { as: "admin.hanoi", url: "/api/v1/targets", json: { year, unitCode: w.places.badinh.commune, participants: 25 }, status: 201 },
      { as: "admin.hanoi", url: "/api/v1/targets", json: { year, unitCode: w.places.badinh.commune, participants: 30, version: 1 }, status: 200 },
      { as: "admin.hanoi", url: "/api/v1/targets", json: { year, unitCode: w.places.badinh.commune, participants: 35, version: 1 }, status: 409 },
      { as: "admin.hanoi", url: "/api/v1/targets", json: { year, participants: -1 }, status: 400 },
      { as: "cs.badinh", url: "/api/v1/targets", json: { year, unitCode: w.places.badinh.commune, participants: 25 }, status: 403 },
    ];
  },
  "GET /dashboard/overview": (w) => [
    { as: "admin.hanoi", url: `/api/v1/dashboard/overview?unit=${w.places.badinh.area}`, status: 200 },
    { as: "admin.hanoi", url: "/api/v1/dashboard/overview?unit=01", status: 200 },
    { as: "cs.badinh", url: `/api/v1/dashboard/overview?unit=${w.places.vinh.area}`, status: 404 },
    { as: "cs.badinh", url: "/api/v1/dashboard/overview?date=yesterday", status: 400 },
  ],
  "GET /dashboard/series": (w) => [{ as: "admin.hanoi", url: `/api/v1/dashboard/series?unit=${w.places.badinh.area}`, status: 200 }],
  "GET /dashboard/league": () => [
    { as: "admin.hanoi", url: "/api/v1/dashboard/league?unit=01", status: 200 },
    { as: "admin", url: "/api/v1/dashboard/league", status: 200 },
  ],
  "GET /dashboard/agents": (w) => [{ as: "admin.hanoi", url: `/api/v1/dashboard/agents?unit=${w.places.badinh.area}`, status: 200 }],
  "GET /dashboard/breakdowns": (w) => [{ as: "admin.hanoi", url: `/api/v1/dashboard/breakdowns?unit=${w.places.badinh.area}`, status: 200 }],
  "GET /d05": async (w) => {
    const { badinh, dongda } = w.places;
    await bookFor(w, badinh); // a payment of the agent in January 2026
    return [
      { as: "cs.badinh", url: `/api/v1/d05?unit=${badinh.area}&from=2026-01-01&to=2026-12-31`, status: 200 },
      { as: "admin.hanoi", url: `/api/v1/d05?agentId=${badinh.agentId}&month=2026-01`, status: 200 },
      { as: "tinh.hanoi", url: `/api/v1/d05?agentId=${badinh.agentId}&month=2026-01&format=xlsx`, status: 200, file: XLSX },
      { as: "cs.badinh", url: `/api/v1/d05?unit=${dongda.area}&month=2026-01`, status: 404 },
      { as: "cs.badinh", url: `/api/v1/d05?agentId=${dongda.agentId}&month=2026-01`, status: 404 },
      { as: "cs.badinh", url: `/api/v1/d05?unit=${badinh.area}`, status: 400 }, // no month nor range
      { as: "cs.badinh", url: `/api/v1/d05?unit=${badinh.area}&agentId=${badinh.agentId}&month=2026-01`, status: 400 }, // both
      { as: COLLECTOR, url: `/api/v1/d05?agentId=${badinh.agentId}&month=2026-01`, status: 403 },
    ];
  },
  "GET /agents/{id}/d05": async (w) => {
    const { badinh, dongda } = w.places;
    await bookFor(w, badinh);
    const at = (pl: Place, q: string) => ({ url: `/api/v1/agents/${pl.agentId}/d05?${q}`, params: { id: String(pl.agentId) } });
    return [
      { as: "cs.badinh", ...at(badinh, "month=2026-01"), status: 200 },
      { as: "admin.hanoi", ...at(badinh, "from=2026-01-01&to=2026-06-30&format=xlsx"), status: 200, file: XLSX },
      { as: "cs.badinh", ...at(dongda, "month=2026-01"), status: 404 },
      { as: "cs.badinh", ...at(badinh, "month=2026-13"), status: 400 },
      { as: "cs.badinh", ...at(badinh, "from=2026-06-30&to=2026-01-01"), status: 400 },
      { as: COLLECTOR, ...at(badinh, "month=2026-01"), status: 403 },
    ];
  },
  "GET /receipt-books": async (w) => {
    const { badinh, dongda } = w.places;
    await bookFor(w, badinh);
    return [
      { as: "cs.badinh", url: `/api/v1/receipt-books?agentId=${badinh.agentId}`, status: 200 },
      { as: "tinh.hanoi", url: `/api/v1/receipt-books?agentId=${badinh.agentId}`, status: 200 },
      { as: "cs.badinh", url: `/api/v1/receipt-books?agentId=${dongda.agentId}`, status: 404 },
      { as: "cs.badinh", url: "/api/v1/receipt-books?agentId=x", status: 400 },
      { as: COLLECTOR, url: `/api/v1/receipt-books?agentId=${badinh.agentId}`, status: 403 },
    ];
  },
  "POST /receipt-books": (w) => {
    const { badinh, dongda } = w.places;
    const book = (pl: Place) => ({ agentId: pl.agentId, series: `R${w.seq()}/`, firstNo: 1, lastNo: 50, issuedOn: "2026-01-01" });
    const taken = book(badinh);
    return [
      { as: "cs.badinh", url: "/api/v1/receipt-books", json: taken, status: 201 },
      {
        as: "admin.hanoi",
        url: "/api/v1/receipt-books",
        json: { ...book(badinh), collectorId: badinh.collectorId, digits: 5, note: "Quyển điện tử" },
        status: 201,
      },
      { as: "cs.badinh", url: "/api/v1/receipt-books", json: { ...taken, firstNo: 40, lastNo: 60 }, status: 400 }, // overlaps the first
      { as: "cs.badinh", url: "/api/v1/receipt-books", json: { ...book(badinh), firstNo: 50, lastNo: 1 }, status: 400 },
      { as: "cs.badinh", url: "/api/v1/receipt-books", json: book(dongda), status: 404 },
      { as: "tinh.hanoi", url: "/api/v1/receipt-books", json: book(badinh), status: 403 },
    ];
  },
  "GET /receipt-books/{id}": async (w) => {
    const mine = await bookFor(w, w.places.badinh);
    const theirs = await bookFor(w, w.places.dongda);
    const at = (id: number) => ({ url: `/api/v1/receipt-books/${id}`, params: { id: String(id) } });
    return [
      { as: "cs.badinh", ...at(mine), status: 200 },
      { as: "cs.badinh", ...at(theirs), status: 404 },
      { as: "cs.badinh", ...at(-1), status: 404 },
      { as: COLLECTOR, ...at(mine), status: 403 },
    ];
  },
  "POST /receipt-books/{id}/voids": async (w) => {
    const mine = await bookFor(w, w.places.badinh);
    const theirs = await bookFor(w, w.places.dongda);
    const at = (id: number) => ({ url: `/api/v1/receipt-books/${id}/voids`, params: { id: String(id) } });
    return [
      { as: "cs.badinh", ...at(mine), json: { number: 7, reason: "Viết hỏng" }, status: 201 },
      { as: "cs.badinh", ...at(mine), json: { number: 3, reason: "Viết hỏng" }, status: 400 }, // on a payment
      { as: "cs.badinh", ...at(mine), json: { number: 7 }, status: 400 },
      { as: "cs.badinh", ...at(theirs), json: { number: 7, reason: "Viết hỏng" }, status: 404 },
      { as: "tinh.hanoi", ...at(mine), json: { number: 8, reason: "Viết hỏng" }, status: 403 },
    ];
  },
  "GET /remittances": async (w) => {
    const { badinh, dongda } = w.places;
    await bookFor(w, badinh); // a collection to remit
    await recordRemittance(w.prisma, w.national, {
      agentId: badinh.agentId,
      remittedOn: "2026-01-05",
      amount: 1_000_000,
      bankReference: `FT${w.seq()}`,
      periodFrom: "2026-01-01",
      periodTo: "2026-01-31",
    });
    return [
      { as: "cs.badinh", url: `/api/v1/remittances?agentId=${badinh.agentId}`, status: 200 },
      { as: "cs.badinh", url: `/api/v1/remittances?agentId=${dongda.agentId}`, status: 404 },
      { as: "cs.badinh", url: "/api/v1/remittances", status: 400 },
      { as: COLLECTOR, url: `/api/v1/remittances?agentId=${badinh.agentId}`, status: 403 },
    ];
  },
  "GET /commissions": async (w) => {
    const { badinh, dongda } = w.places;
    await bookFor(w, badinh); // a payment of January 2026
    await w.prisma.commissionRate.create({
      data: { agentKind: "POST_OFFICE", newRateBp: 800, renewalRateBp: 500, effectiveFrom: new Date("2025-01-01T00:00:00Z"), sample: true },
    });
    await w.prisma.commissionRate.create({
      data: { agentKind: "WOMEN_UNION", newRateBp: 800, renewalRateBp: 500, effectiveFrom: new Date("2025-01-01T00:00:00Z"), sample: true },
    });
    await recordRemittance(w.prisma, w.national, {
      agentId: badinh.agentId,
      remittedOn: "2026-01-20",
      amount: 500_000,
      bankReference: `FT${w.seq()}`,
      periodFrom: "2026-01-01",
      periodTo: "2026-01-31",
    });
    return [
      { as: "cs.badinh", url: `/api/v1/commissions?agentId=${badinh.agentId}&month=2026-01`, status: 200 },
      { as: "tinh.hanoi", url: `/api/v1/commissions?agentId=${badinh.agentId}&month=2026-01&mode=remitted`, status: 200 },
      {
        as: "admin.hanoi",
        url: `/api/v1/commissions?agentId=${badinh.agentId}&month=2026-01&collectorId=${badinh.collectorId}&format=xlsx`,
        status: 200,
        file: XLSX,
      },
      { as: "cs.badinh", url: `/api/v1/commissions?agentId=${dongda.agentId}&month=2026-01`, status: 404 },
      { as: "cs.badinh", url: `/api/v1/commissions?agentId=${badinh.agentId}&month=2026-01&collectorId=${dongda.collectorId}`, status: 404 },
      { as: "cs.badinh", url: `/api/v1/commissions?agentId=${badinh.agentId}&month=2026-01&mode=paid`, status: 400 },
      { as: COLLECTOR, url: `/api/v1/commissions?agentId=${badinh.agentId}&month=2026-01`, status: 403 },
    ];
  },
  "GET /commissions/rates": () => [
    { as: "cs.badinh", url: "/api/v1/commissions/rates", status: 200 },
    { as: "admin", url: "/api/v1/commissions/rates", status: 200 },
    { as: COLLECTOR, url: "/api/v1/commissions/rates", status: 403 },
  ],
  "POST /commissions/rates": () => {
    const row = {
      agentKind: "VETERANS",
      paymentPeriod: "MONTHLY",
      newRate: "6,5",
      renewalRate: 4,
      effectiveFrom: "2030-01-01",
      sample: true,
      legalBasis: "Mẫu",
    };
    return [
      { as: "admin", url: "/api/v1/commissions/rates", json: row, status: 201 },
      { as: "admin", url: "/api/v1/commissions/rates", json: row, status: 400 }, // the same kind, period and date
      { as: "admin", url: "/api/v1/commissions/rates", json: { ...row, effectiveFrom: "2030-02-01", newRate: "120" }, status: 400 },
      { as: "admin.hanoi", url: "/api/v1/commissions/rates", json: { ...row, effectiveFrom: "2030-03-01" }, status: 403 },
    ];
  },
  // a row not yet in force is deleted; one in force is refused (409) and stays
  "DELETE /commissions/rates/{id}": async (w) => {
    const row = (effectiveFrom: string) =>
      w.prisma.commissionRate.create({
        data: {
          agentKind: "COMMUNE_COMMITTEE",
          paymentPeriod: "QUARTERLY",
          newRateBp: 600,
          renewalRateBp: 300,
          effectiveFrom: new Date(`${effectiveFrom}T00:00:00Z`),
        },
      });
    const future = (await row("2093-01-01")).id;
    const inForce = (await row("2021-01-01")).id;
    const at = (id: number) => ({ url: `/api/v1/commissions/rates/${id}`, params: { id: String(id) } });
    return [
      { as: "admin.hanoi", ...at(future), status: 403 },
      { as: "admin", ...at(future), status: 200 },
      { as: "admin", ...at(future), status: 404 }, // already gone
      { as: "admin", ...at(inForce), status: 409 },
    ];
  },
  "GET /enrollees/{id}/statement": (w) => {
    const { badinh, dongda } = w.places;
    const at = (pl: Place, q = "") => ({ url: `/api/v1/enrollees/${pl.enrolleeId}/statement${q}`, params: { id: String(pl.enrolleeId) } });
    return [
      { as: "cs.badinh", ...at(badinh), status: 200 },
      { as: "tinh.hanoi", ...at(badinh, "?year=2025"), status: 200 },
      { as: "cs.badinh", ...at(badinh, "?year=1999"), status: 400 },
      { as: "cs.badinh", ...at(dongda), status: 404 },
      { as: COLLECTOR, ...at(badinh), status: 403 },
    ];
  },
  "GET /statements": (w) => {
    const { badinh, dongda } = w.places;
    return [
      { as: "cs.badinh", url: `/api/v1/statements?agentId=${badinh.agentId}&year=2026`, status: 200 },
      { as: "admin.hanoi", url: `/api/v1/statements?commune=${badinh.commune}`, status: 200 },
      { as: "cs.badinh", url: `/api/v1/statements?commune=${dongda.commune}`, status: 404 },
      { as: "cs.badinh", url: `/api/v1/statements?agentId=${dongda.agentId}`, status: 404 },
      { as: "cs.badinh", url: "/api/v1/statements?year=2026", status: 400 },
      { as: COLLECTOR, url: `/api/v1/statements?agentId=${badinh.agentId}`, status: 403 },
    ];
  },
  "POST /remittances": (w) => {
    const { badinh, dongda } = w.places;
    const remittance = (pl: Place) => ({
      agentId: pl.agentId,
      remittedOn: "2026-06-01",
      amount: 1_000_000,
      bankReference: `FT${w.seq()}`,
      periodFrom: "2026-05-01",
      periodTo: "2026-05-31",
    });
    return [
      { as: "cs.badinh", url: "/api/v1/remittances", json: remittance(badinh), status: 201 },
      { as: "admin.hanoi", url: "/api/v1/remittances", json: { ...remittance(badinh), amount: "2.500.000", note: "Nộp bổ sung" }, status: 201 },
      { as: "cs.badinh", url: "/api/v1/remittances", json: { ...remittance(badinh), amount: -1 }, status: 400 },
      { as: "cs.badinh", url: "/api/v1/remittances", json: { ...remittance(badinh), periodFrom: "2026-06-01" }, status: 400 },
      { as: "cs.badinh", url: "/api/v1/remittances", json: remittance(dongda), status: 404 },
      { as: "tinh.hanoi", url: "/api/v1/remittances", json: remittance(badinh), status: 403 },
    ];
  },
};

let t: TestDb;
let w: World;

beforeAll(async () => {
  t = await freshDb({ asProcessClient: true }); // the route handlers use the process's client
  w = await buildWorld(t.prisma);
  if (DUMP) fs.mkdirSync(DUMP, { recursive: true });
});
afterAll(async () => {
  await t.close();
});

async function send(key: string, c: Call): Promise<{ status: number; body: unknown; media: string }> {
  const [method] = key.split(" ");
  const mod = (await import(/* @vite-ignore */ path.join(ROOT, fileOf.get(key)!))) as Record<string, (req: NextRequest, ctx: unknown) => Promise<Response>>;
  const headers: Record<string, string> = { host: "127.0.0.1", "x-forwarded-for": `10.8.${w.seq() % 250}.1` };
  if (c.as) headers.authorization = `Bearer ${w.tokens[c.as]}`;
  if (c.json !== undefined || c.raw !== undefined) headers["content-type"] = "application/json";
  const body = c.form ?? c.raw ?? (c.json === undefined ? undefined : JSON.stringify(c.json));
  const res = await mod[method](new NextRequest(`http://127.0.0.1${c.url}`, { method, headers, body }), { params: Promise.resolve(c.params ?? {}) });
  const media = c.file && res.ok ? c.file : "application/json";
  expect(res.headers.get("content-type"), c.url).toContain(media);
  return { status: res.status, body: media === "application/json" ? await res.json() : `(${(await res.arrayBuffer()).byteLength} bytes)`, media };
}

const operations = Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([p, ops]) =>
  Object.entries(ops).map(([m, op]) => ({ key: `${m.toUpperCase()} ${p}`, op })),
);

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and every schema in it compiles (JSON Schema 2020-12)", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d$/);
    expect(doc.info.title).toBeTruthy();
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ $id: "doc", components: doc.components }, "doc");
    for (const { key, op } of operations) {
      expect(Object.keys(op.responses ?? {}).length, key).toBeGreaterThan(0);
      for (const [status, r] of Object.entries(op.responses as Record<string, Json>)) {
        const schema = r.content?.["application/json"]?.schema;
        expect(schema, `${key} ${status}`).toBeTruthy();
        expect(() => ajv.compile(rebase(schema) as object), `${key} ${status}`).not.toThrow();
      }
    }
    // JSON survives the round trip (what the route serves)
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it("documents every route method under app/api/v1, and nothing else", () => {
    expect(operations.map((o) => o.key).sort()).toEqual([...fileOf.keys()].sort());
  });

  it("would fail an answer with an undocumented field, a wrong enum value or a missing field", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(doc.paths["/me"].get.responses["200"].content["application/json"].schema);
    const me = { login: "a", name: "a", role: "ADMIN", unitCode: "VN", scope: { level: "NATION" }, permissions: ["unit.read"] };
    expect(validate(me)).toBe(true);
    expect(validate({ ...me, passwordHash: "x" })).toBe(false);
    expect(validate({ ...me, role: "KING" })).toBe(false);
    expect(validate({ ...me, login: undefined })).toBe(false);
  });

  it("knows how to call every documented operation", () => {
    expect(operations.map((o) => o.key).filter((k) => !CASES[k])).toEqual([]);
  });
});

/** $refs into the document's components resolve through the schema registered as "doc". */
function rebase(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'));
}

describe("real answers validate against the document", () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: "doc", components: doc.components }, "doc");
  for (const { key, op } of operations) {
    it(key, async () => {
      const calls = await CASES[key](w);
      const seen = new Set<number>();
      for (const [i, c] of calls.entries()) {
        const { status, body, media } = await send(key, c);
        if (DUMP) fs.writeFileSync(path.join(DUMP, `${key.replace(/[^a-z0-9]+/gi, "_")}-${i}-${status}.json`), JSON.stringify(body, null, 1));
        expect(status, `${c.url} → ${JSON.stringify(body).slice(0, 300)}`).toBe(c.status);
        const documented = op.responses[String(status)];
        expect(documented, `${key} answered ${status}, which the document does not list`).toBeTruthy();
        if (media !== "application/json") {
          expect(documented.content[media], `${key} answered ${media}, which the document does not list`).toBeTruthy();
          seen.add(status);
          continue;
        }
        const validate = ajv.compile(rebase(documented.content["application/json"].schema) as object);
        expect(validate(body) ? [] : validate.errors, `${key} ${status}: ${JSON.stringify(body).slice(0, 300)}`).toEqual([]);
        seen.add(status);
      }
      // every success status the document promises is seen at least once
      expect([...seen].filter((s) => s < 300).sort()).toEqual(
        Object.keys(op.responses)
          .map(Number)
          .filter((s) => s < 300)
          .sort(),
      );
    });
  }
});

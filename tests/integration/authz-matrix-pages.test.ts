// The authorization matrix, pages: every app/**/page.tsx rendered (its server component called) as every
// caller inside and outside its scope, and signed out — against a real migrated database — and compared
// with its cell of tests/authz/matrix.ts: renders, forbidden() (403), notFound() (404) or a redirect.
// Signed out, the sign-in proxy (proxy.ts) runs first: every page but /login must be matched by it
// and sent to /login, and the JSON API must not be (it answers 401 itself).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest, type NextFetchEvent } from "next/server";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { freshDb, type TestDb } from "./db";
import { scanSurface } from "../authz/surface";
import { buildWorld, cellsOf, label, session, type CellCase, type Place, type World } from "../authz/harness";
import type { Outcome } from "../authz/matrix";

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

type Props = { params?: Record<string, unknown>; searchParams?: Record<string, string> };
const ROOT = path.resolve(__dirname, "../..");
const pages = scanSurface().pages;
const fileOf = new Map(pages.map((p) => [p.url, p.file]));

const unitQuery = (pl: Place): Props => ({ searchParams: { unit: pl.area } });
const byId =
  (id: (pl: Place) => number) =>
  (pl: Place): Props => ({ params: { id: String(id(pl)) } });
const none = (): Props => ({});

/** What each page is given; the place is the cell's "in" or "out" object. */
const PROPS: Record<string, (pl: Place) => Props> = {
  "/": none,
  "/login": none,
  "/units/[[...code]]": (pl) => ({ params: { code: [pl.area] } }),
  "/dashboard": unitQuery,
  "/dashboard/agents": unitQuery,
  "/dashboard/breakdowns": unitQuery,
  "/reports/monthly": unitQuery,
  "/targets": unitQuery,
  "/enrollees": none,
  "/enrollees/new": none,
  "/enrollees/[id]": byId((pl) => pl.enrolleeId),
  "/enrollees/[id]/tk1": byId((pl) => pl.enrolleeId),
  "/enrollees/[id]/edit": byId((pl) => pl.enrolleeId),
  "/enrollees/[id]/pay": byId((pl) => pl.enrolleeId),
  "/imports": none,
  "/renewals": (pl) => ({ searchParams: { commune: pl.commune } }),
  "/renewals/print": (pl) => ({ searchParams: { commune: pl.commune } }),
  "/data-quality": none,
  "/agents": none,
  "/agents/new": none,
  "/agents/[id]": byId((pl) => pl.agentId),
  "/agents/[id]/edit": byId((pl) => pl.agentId),
  "/agents/[id]/receipt-books": byId((pl) => pl.agentId),
  "/agents/[id]/remittances": byId((pl) => pl.agentId),
  "/agents/[id]/commissions": (pl) => ({ params: { id: String(pl.agentId) }, searchParams: { month: "2026-05", mode: "remitted" } }),
  "/agents/commissions": none,
  "/enrollees/[id]/statement": byId((pl) => pl.enrolleeId),
  "/statements": (pl) => ({ searchParams: { agentId: String(pl.agentId), year: "2026" } }),
  "/agents/[id]/d05": (pl) => ({ params: { id: String(pl.agentId) }, searchParams: { month: "2026-05" } }),
  "/conferences": none,
  "/conferences/new": none,
  "/conferences/[id]": byId((pl) => pl.conferenceId),
  "/reference": unitQuery,
  "/reference/import": none,
  "/reference/policy": none,
  "/audit": none,
  "/users": none,
  "/users/new": none,
  "/users/[id]": byId((pl) => pl.userId),
  "/users/tokens": none,
  "/field": none,
  "/field/pending": none,
  "/field/people": none,
  "/field/[id]": byId((pl) => pl.enrolleeId),
  "/field/[id]/renew": byId((pl) => pl.enrolleeId),
  "/receipts/[id]": byId((pl) => pl.contributionId),
};

/** A URL for a pattern: [id] → 1, [[...code]] → 001. */
const sampleUrl = (pattern: string) => pattern.replace(/\[\[\.\.\.[^\]]+\]\]/, "001").replace(/\[[^\]]+\]/g, "1");

async function outcomeOf(c: CellCase, props: Props): Promise<{ outcome: Outcome; detail: string }> {
  const mod = (await import(/* @vite-ignore */ path.join(ROOT, fileOf.get(c.entry.target)!))) as { default: (p: unknown) => unknown };
  session.uid = c.caller ? w.principals[c.caller].userId : null;
  try {
    await mod.default({ params: Promise.resolve(props.params ?? {}), searchParams: Promise.resolve(props.searchParams ?? {}) });
    return { outcome: "ok", detail: "rendered" };
  } catch (e) {
    const digest = (e as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT")) {
      const to = digest.split(";")[2];
      return { outcome: to === "/login" ? "login" : `redirect:${to}`, detail: digest };
    }
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;403") return { outcome: 403, detail: digest };
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return { outcome: 404, detail: digest };
    throw e;
  } finally {
    session.uid = null;
  }
}

let t: TestDb;
let w: World;

beforeAll(async () => {
  // forbidden() is Next's experimental authInterrupts (next.config.ts turns it on for the app)
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
  process.env.NEXTAUTH_SECRET ??= "authz-matrix-secret-not-for-production-0123456789";
  t = await freshDb({ asProcessClient: true });
  w = await buildWorld(t.prisma);
});
afterAll(async () => {
  await t.close();
});

describe("authorization matrix: pages", () => {
  it("knows how to render every page row", () => {
    expect(
      cellsOf("page")
        .map((c) => c.key)
        .filter((k) => !PROPS[k] || !fileOf.has(k)),
    ).toEqual([]);
  });

  it("signed out, the sign-in proxy sends every page but /login to /login, and leaves the API to answer 401 itself", async () => {
    const { config, default: proxy } = await import("@/proxy");
    for (const p of pages) {
      const url = `http://127.0.0.1${sampleUrl(p.url)}`;
      expect(unstable_doesMiddlewareMatch({ config, url }), url).toBe(p.url !== "/login");
      if (p.url === "/login") continue;
      const res = (await (proxy as unknown as (req: NextRequest, ev: NextFetchEvent) => Promise<Response>)(new NextRequest(url), {} as NextFetchEvent))!;
      expect(res.status, url).toBeGreaterThanOrEqual(300);
      expect(new URL(res.headers.get("location")!).pathname, url).toBe("/login");
    }
    for (const r of scanSurface().routes.filter((x) => x.url.startsWith("/api/"))) {
      expect(unstable_doesMiddlewareMatch({ config, url: `http://127.0.0.1${sampleUrl(r.url)}` }), r.url).toBe(false);
    }
  });

  for (const c of cellsOf("page")) {
    it(label(c), async () => {
      const { outcome, detail } = await outcomeOf(c, PROPS[c.key](w.placeFor(c.caller, c.where)));
      expect(outcome, detail).toBe(c.expected);
    });
  }
});

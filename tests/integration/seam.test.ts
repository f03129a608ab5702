// The seam between entry points and lib/server (ADR 1601), through real route handlers and the sign-in
// proxy: JSON bodies are capped while streaming (a 100 MB body is refused after ~1 MB, issue 17 item 5),
// a malformed Origin header is a 400 rather than a TypeError 500 (issue 17 item 8), and the JSON API
// answers in the caller's language (a `lang` parameter, Accept-Language, the user's saved choice; issue 16).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest, type NextFetchEvent } from "next/server";
import { freshDb, type TestDb } from "./db";
import { principalFor } from "../fixtures/factories";
import { registrationInput } from "../fixtures/enrollment";
import type { Principal } from "@/lib/server/auth/authz";
import { issueApiToken } from "@/lib/server/auth/api-tokens";
import { enrollmentEn, enrollmentVi } from "@/lib/i18n/areas/enrollment";
import * as enrollees from "@/app/api/v1/enrollees/route";
import * as targets from "@/app/api/v1/targets/route";
import * as confirm from "@/app/api/imports/confirm/route";
import proxy from "@/proxy";

let t: TestDb;
let hanoiAdmin: Principal, badinh: Principal;
let token: string;

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ctx = { params: Promise.resolve({}) };

/** A chunked body (no Content-Length) of `total` bytes of JSON-looking text; counts what the server pulled. */
function streamed(total: number) {
  const chunk = new TextEncoder().encode(`{"fullName":"${"a".repeat(64 * 1024 - 20)}",`);
  const state = { pulled: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= total) return controller.close();
      state.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { body, state };
}

function request(url: string, init: { method?: string; headers?: Record<string, string>; body?: BodyInit | ReadableStream } = {}) {
  return new NextRequest(`http://127.0.0.1${url}`, {
    method: init.method ?? "GET",
    headers: init.headers,
    body: init.body as BodyInit | undefined,
    ...(init.body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as ConstructorParameters<typeof NextRequest>[1]);
}

beforeAll(async () => {
  t = await freshDb({ asProcessClient: true });
  hanoiAdmin = await principalFor(t.prisma, "ADMIN", "01");
  badinh = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  token = (await issueApiToken(t.prisma, hanoiAdmin, { userId: badinh.userId, name: "Bưu điện Ba Đình" })).token;
});
afterAll(async () => {
  await t.close();
});

describe("JSON bodies are capped while streaming", () => {
  const cases: [string, Handler, string, string][] = [
    ["POST /api/v1/enrollees", enrollees.POST as Handler, "/api/v1/enrollees", "POST"],
    ["PUT /api/v1/targets", targets.PUT as Handler, "/api/v1/targets", "PUT"],
    ["POST /api/imports/confirm", confirm.POST as Handler, "/api/imports/confirm", "POST"],
  ];
  for (const [name, handler, url, method] of cases) {
    it(`${name}: a 100 MB chunked body → 413 after about 1 MB, never buffered whole`, async () => {
      const { body, state } = streamed(100 * 1024 * 1024);
      const before = await t.prisma.enrollee.count();
      const res = await handler(request(url, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body }), ctx);
      expect(res.status).toBe(413);
      expect((await res.json()).error.code).toBe("too_large");
      expect(state.pulled).toBeLessThan(2 * 1024 * 1024);
      expect(await t.prisma.enrollee.count()).toBe(before);
    });
  }

  it("a declared Content-Length over the limit is refused before reading", async () => {
    const res = await enrollees.POST(
      request("/api/v1/enrollees", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "content-length": String(50 * 1024 * 1024) },
        body: "{}",
      }),
      ctx,
    );
    expect(res.status).toBe(413);
  });

  it("a body under the limit still works, and one that is not JSON is a 400 on _body", async () => {
    const ok = await enrollees.POST(
      request("/api/v1/enrollees", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(registrationInput()),
      }),
      ctx,
    );
    expect(ok.status).toBe(201);
    const bad = await enrollees.POST(
      request("/api/v1/enrollees", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: "{not json" }),
      ctx,
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toEqual([{ path: "_body", message: "Nội dung phải là JSON hợp lệ" }]);
  });
});

describe("a malformed Origin header is a 400, not a 500", () => {
  it("through apiRoute", async () => {
    const res = await enrollees.POST(
      request("/api/v1/enrollees", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, origin: "http://[::1", "content-type": "application/json" },
        body: "{}",
      }),
      ctx,
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("bad_origin");
  });

  it("through the sign-in proxy, which runs before Next's server-action handler (it would throw a TypeError)", async () => {
    for (const origin of ["http://[::1", "not a url", "http://exa mple.com"]) {
      const res = await proxy(request("/enrollees/new", { method: "POST", headers: { origin, "next-action": "abc" } }), {} as NextFetchEvent);
      expect(res?.status, origin).toBe(400);
    }
    // a well-formed Origin goes on (here: to sign-in, as there is no session)
    const res = await proxy(request("/enrollees/new", { method: "POST", headers: { origin: "http://127.0.0.1" } }), {} as NextFetchEvent);
    expect(res?.status).not.toBe(400);
  });
});

describe("the JSON API answers in the caller's language", () => {
  const post = (url: string, headers: Record<string, string> = {}) =>
    enrollees
      .POST(
        request(url, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
          body: JSON.stringify(registrationInput({ fullName: "" })),
        }),
        ctx,
      )
      .then(async (r) => ({ status: r.status, body: await r.json() }));
  const nameMessage = (b: { error: { fields: { path: string; message: string }[] } }) => b.error.fields.find((f) => f.path === "fullName")?.message;

  it("Vietnamese by default", async () => {
    const r = await post("/api/v1/enrollees");
    expect(r.status).toBe(400);
    expect(nameMessage(r.body)).toBe(enrollmentVi.v.fullName);
    expect(r.body.error.message).toBe("Dữ liệu không hợp lệ");
  });

  it("English with Accept-Language or ?lang=en; ?lang wins over the header", async () => {
    expect(nameMessage((await post("/api/v1/enrollees", { "accept-language": "en-US,en;q=0.9,vi;q=0.5" })).body)).toBe(enrollmentEn.v.fullName);
    expect(nameMessage((await post("/api/v1/enrollees?lang=en")).body)).toBe(enrollmentEn.v.fullName);
    expect(nameMessage((await post("/api/v1/enrollees?lang=vi", { "accept-language": "en" })).body)).toBe(enrollmentVi.v.fullName);
    const unauth = await enrollees.GET(request("/api/v1/enrollees", { headers: { authorization: "Bearer bhxh_unknown", "accept-language": "en" } }), ctx);
    expect(unauth.status).toBe(401);
    expect((await unauth.json()).error.message).toBe("Authentication required");
  });

  it("the user's saved choice (User.locale, written by the language switch) when the request names none", async () => {
    await t.prisma.user.update({ where: { id: badinh.userId }, data: { locale: "en" } });
    try {
      expect(nameMessage((await post("/api/v1/enrollees")).body)).toBe(enrollmentEn.v.fullName);
      expect(nameMessage((await post("/api/v1/enrollees", { "accept-language": "vi" })).body)).toBe(enrollmentVi.v.fullName);
    } finally {
      await t.prisma.user.update({ where: { id: badinh.userId }, data: { locale: "vi" } });
    }
  });
});

// The TK1-TS declaration (issue 13 item 2): the enrollee's nationality, ethnicity and email through the
// registration, the edit (audited) and the JSON API — a bad email or an unknown ethnicity answered on its
// own field — and the prefilled declaration page, scoped like the person's page (another area's: 404); a
// collector opens it for its agent's people, linked from its field page (another agent's person: 404).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { renderToStaticMarkup } from "react-dom/server";
import type { ReactElement } from "react";
import { freshDb, type TestDb } from "./db";
import { createAgent, createEnrollee, principalFor } from "../fixtures/factories";
import { registrationInput } from "../fixtures/enrollment";
import type { Principal } from "@/lib/server/auth/authz";
import { issueApiToken } from "@/lib/server/auth/api-tokens";
import { getEnrollee, registerEnrollee, updateEnrollee } from "@/lib/server/enrollment/enrollees";

vi.mock("next-auth", async (orig) => {
  const s = () => (globalThis as { __tk1Uid?: number | null }).__tk1Uid;
  return { ...(await orig<typeof import("next-auth")>()), getServerSession: async () => (s() ? { uid: s() } : null) };
});
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => undefined, delete: () => undefined }),
  headers: async () => new Headers(),
}));
const signIn = (p: Principal | null) => ((globalThis as { __tk1Uid?: number | null }).__tk1Uid = p?.userId ?? null);

let t: TestDb;
let badinh: Principal, dongda: Principal, officer: Principal, hanoiAdmin: Principal;
let id: number;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ??= "tk1-test-secret-not-for-production-0123456789";
  t = await freshDb({ asProcessClient: true });
  badinh = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  dongda = await principalFor(t.prisma, "DISTRICT_STAFF", "006");
  officer = await principalFor(t.prisma, "PROVINCE_OFFICER", "01");
  hanoiAdmin = await principalFor(t.prisma, "ADMIN", "01");
  const r = await registerEnrollee(
    t.prisma,
    badinh,
    registrationInput({
      fullName: "Lò Thị Xuân",
      sex: "FEMALE",
      dateOfBirth: "1975-01-20",
      ethnicity: "thai",
      email: "Xuan.Lo@Example.vn",
      siCode: "0112345678",
      address: "Số 9 ngõ Núi Trúc",
    }),
  );
  id = r.id;
});
afterAll(async () => {
  signIn(null);
  await t.close();
});

describe("nationality, ethnicity and email of an enrollee", () => {
  it("are stored as the list's names (Việt Nam by default), read back and audited when changed", async () => {
    const e = await getEnrollee(t.prisma, badinh, id);
    expect(e).toMatchObject({ nationality: "Việt Nam", ethnicity: "Thái", email: "xuan.lo@example.vn" });
    await updateEnrollee(t.prisma, badinh, id, {
      ...registrationInput({
        personalId: e.personalId,
        fullName: e.fullName,
        sex: "FEMALE",
        dateOfBirth: "1975-01-20",
        siCode: "0112345678",
        address: e.address,
      }),
      payment: undefined,
      agentId: undefined,
      ethnicity: "Mường",
      email: "",
      nationality: "Việt Nam",
      version: e.version,
    });
    const after = await getEnrollee(t.prisma, badinh, id);
    expect(after).toMatchObject({ ethnicity: "Mường", email: null });
    const audit = after.audit.find((a) => a.action === "enrollee.update")!;
    expect(audit.before).toMatchObject({ ethnicity: "Thái", email: "xuan.lo@example.vn" });
    expect(audit.after).toMatchObject({ ethnicity: "Mường", email: null });
  });

  it("a bad email or an unknown ethnicity is refused on its own field, and nothing is written", async () => {
    const before = await t.prisma.enrollee.count();
    await expect(registerEnrollee(t.prisma, badinh, registrationInput({ email: "xuan@", ethnicity: "Kinhh" }))).rejects.toMatchObject({
      name: "ZodError",
      issues: expect.arrayContaining([
        expect.objectContaining({ path: ["email"], message: "Thư điện tử không hợp lệ (ví dụ ten@example.com)" }),
        expect.objectContaining({ path: ["ethnicity"], message: "Dân tộc không có trong danh mục 54 dân tộc Việt Nam (ví dụ Kinh, Tày, Thái, Mường, Khơ-me)" }),
      ]),
    });
    expect(await t.prisma.enrollee.count()).toBe(before);
  });

  it("the JSON API takes and answers them; a bad value is a 400 naming the field", async () => {
    const token = (await issueApiToken(t.prisma, hanoiAdmin, { userId: badinh.userId, name: "Thử TK1" })).token;
    const { POST } = await import("@/app/api/v1/enrollees/route");
    const { GET } = await import("@/app/api/v1/enrollees/[id]/route");
    const post = (body: unknown) =>
      POST(
        new NextRequest("http://127.0.0.1/api/v1/enrollees", {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
        { params: Promise.resolve({}) },
      );
    const bad = await post(registrationInput({ email: "not an email", ethnicity: "Người Sao Hỏa" }));
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(JSON.stringify(body)).toContain("email");
    expect(JSON.stringify(body)).toContain("ethnicity");
    const ok = await post(registrationInput({ nationality: "Lào", ethnicity: "Lào", email: "an@example.la" }));
    expect(ok.status).toBe(201);
    const newId = (await ok.json()).enrollee.id;
    const got = await (
      await GET(new NextRequest(`http://127.0.0.1/api/v1/enrollees/${newId}`, { headers: { authorization: `Bearer ${token}` } }), {
        params: Promise.resolve({ id: String(newId) }),
      })
    ).json();
    expect(got.enrollee).toMatchObject({ nationality: "Lào", ethnicity: "Lào", email: "an@example.la" });
  });
});

describe("the TK1-TS page", () => {
  const render = async (p: Principal, enrolleeId: number) => {
    process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
    signIn(p);
    const { default: Page } = await import("@/app/(app)/enrollees/[id]/tk1/page");
    try {
      return renderToStaticMarkup((await Page({ params: Promise.resolve({ id: String(enrolleeId) }) })) as ReactElement);
    } finally {
      signIn(null);
    }
  };

  it("is prefilled with what the app knows, fields [01]–[08] numbered, for the person to sign", async () => {
    const html = await render(badinh, id);
    expect(html).toContain("TỜ KHAI THAM GIA, ĐIỀU CHỈNH THÔNG TIN BẢO HIỂM XÃ HỘI, BẢO HIỂM Y TẾ");
    expect(html).toContain("Mẫu TK1-TS");
    const value = (key: string) => new RegExp(`data-testid="tk1-${key}-value"[^>]*>([^<]*)<`).exec(html)?.[1];
    const e = await getEnrollee(t.prisma, badinh, id);
    expect(value("fullName")).toBe("LÒ THỊ XUÂN");
    expect(value("sex")).toBe("Nữ");
    expect(value("dateOfBirth")).toBe("20/01/1975");
    expect(value("nationality")).toBe("Việt Nam");
    expect(value("ethnicity")).toBe("Mường");
    expect(value("personalId")).toBe(e.personalId);
    expect(value("siCode")).toBe("0112345678");
    expect(value("declaredIncome")).toBe("1.500.000 đồng");
    expect(value("paymentPeriod")).toBe("12 tháng");
    expect(html).toContain("[05]. Dân tộc:");
    expect(html).toContain("Người kê khai");
    expect(html).toMatch(/@page \{ size: A4 portrait/);
  });

  it("masks the ID number for an officer, and another area's person is not found (404)", async () => {
    expect(await render(officer, id)).toMatch(/data-testid="tk1-personalId-value"[^>]*>\*{8}\d{4}</);
    await expect(render(dongda, id)).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
    await expect(render(badinh, 999_999)).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
  });
});

describe("the TK1-TS page for a collector (issue 15: the person registered in the field signs it)", () => {
  let collector: Principal;
  let mine: number, neighbour: number, unserved: number, elsewhere: number;
  /** the opening tag of the element with this test id ("" when there is none) */
  const tag = (html: string, testId: string) => new RegExp(`<[a-z]+ [^>]*data-testid="${testId}"[^>]*>`).exec(html)?.[0] ?? "";
  const render = async (who: Principal, page: "tk1" | "field", enrolleeId: number) => {
    process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
    signIn(who);
    try {
      const params = Promise.resolve({ id: String(enrolleeId) });
      if (page === "tk1") {
        const { default: Page } = await import("@/app/(app)/enrollees/[id]/tk1/page");
        return renderToStaticMarkup((await Page({ params })) as ReactElement);
      }
      const { default: Page } = await import("@/app/(app)/field/[id]/page");
      return renderToStaticMarkup((await Page({ params, searchParams: Promise.resolve({}) })) as ReactElement);
    } finally {
      signIn(null);
    }
  };

  beforeAll(async () => {
    const [served, other] = await t.prisma.unit.findMany({ where: { areaCode: "001", level: "COMMUNE" }, orderBy: { code: "asc" }, take: 2 });
    const dongdaCommune = await t.prisma.unit.findFirstOrThrow({ where: { areaCode: "006", level: "COMMUNE" }, orderBy: { code: "asc" } });
    const agent = await createAgent(t.prisma, served.code); // serves one commune of Ba Đình
    const otherAgent = await createAgent(t.prisma, served.code); // another agent of the same commune
    const dongdaAgent = await createAgent(t.prisma, dongdaCommune.code);
    const c = await t.prisma.collector.create({ data: { agentId: agent.id, name: "Thu Tờ Khai" } });
    const user = await t.prisma.user.create({
      data: { login: "thu.tk1", name: "thu.tk1", passwordHash: "x", role: "COLLECTOR", unitCode: "001", collectorId: c.id },
    });
    collector = { ...badinh, userId: user.id, login: user.login, role: "COLLECTOR" }; // the pages load the binding from the database
    mine = (await createEnrollee(t.prisma, served.code, { agentId: agent.id, fullName: "Hà Thị Ký" })).id;
    neighbour = (await createEnrollee(t.prisma, served.code, { agentId: otherAgent.id })).id;
    unserved = (await createEnrollee(t.prisma, other.code, { agentId: agent.id })).id; // its agent's, in a commune the agent does not serve
    elsewhere = (await createEnrollee(t.prisma, dongdaCommune.code, { agentId: dongdaAgent.id })).id;
  });

  it("opens its agent's person's declaration, prefilled with the whole ID number, back to the field page", async () => {
    const html = await render(collector, "tk1", mine);
    const value = (key: string) => new RegExp(`data-testid="tk1-${key}-value"[^>]*>([^<]*)<`).exec(html)?.[1];
    const e = await t.prisma.enrollee.findUniqueOrThrow({ where: { id: mine } });
    expect(html).toContain("TỜ KHAI THAM GIA, ĐIỀU CHỈNH THÔNG TIN BẢO HIỂM XÃ HỘI, BẢO HIỂM Y TẾ");
    expect(value("fullName")).toBe("HÀ THỊ KÝ");
    expect(value("personalId")).toBe(e.personalId); // collectors check the card: the whole number (ADR 0704)
    expect(html).not.toContain('data-testid="tk1-masked"');
    expect(tag(html, "tk1-back")).toContain(`href="/field/${mine}"`);
  });

  it("another agent's person — even in the same commune — its agent's person outside its communes, another area's: not found (404)", async () => {
    for (const id of [neighbour, unserved, elsewhere, 999_999]) {
      await expect(render(collector, "tk1", id), String(id)).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
    }
    // the desk keeps it: Ba Đình's staff open the neighbour's declaration, and go back to the person's record
    expect(tag(await render(badinh, "tk1", neighbour), "tk1-back")).toContain(`href="/enrollees/${neighbour}"`);
  });

  it("the collector's page of the person links to it with a 44 px tap target", async () => {
    const html = await render(collector, "field", mine);
    const link = tag(html, "person-tk1");
    expect(link).toContain(`href="/enrollees/${mine}/tk1"`);
    expect(link).toContain("min-h-11"); // 2.75rem = 44 px (tests/e2e/tk1.spec.ts measures it on a phone)
  });
});

// The TK1-TS declaration (issue 13 item 2): the enrollee's nationality, ethnicity and email through the
// registration, the edit (audited) and the JSON API — a bad email or an unknown ethnicity answered on its
// own field — and the prefilled declaration page, scoped like the person's page (another area's: 404).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { renderToStaticMarkup } from "react-dom/server";
import type { ReactElement } from "react";
import { freshDb, type TestDb } from "./db";
import { principalFor } from "../fixtures/factories";
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

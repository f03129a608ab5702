// Personal ID numbers follow the lists' rule everywhere (issue 17 item 4, ADR 0704): only local-office
// staff (who enroll people and compare the number with the card) see it whole; officers and admins
// see the last 4 digits — in the renewal exports (CSV and XLSX), the API's enrollee detail and its
// contributions, the detail page's data, and the audit log. Before: /renewals/export and
// GET /api/v1/enrollees/{id} gave officers and admins the full number.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { freshDb, type TestDb } from "./db";
import { principalFor } from "../fixtures/factories";
import { issueTestToken, registrationInput } from "../fixtures/enrollment";
import type { Principal } from "@/lib/server/auth/authz";
import { getEnrollee, registerEnrollee, updateEnrollee } from "@/lib/server/enrollment/enrollees";
import { renewalExport } from "@/lib/server/renewals/export";
import { listAuditLog } from "@/lib/server/trust/audit-log";
import { messages } from "@/lib/i18n/messages";

const ON = "2026-03-10"; // the fixture's coverage ended 2026-02-28: overdue, on the worklist
let t: TestDb;
let staff: Principal, officer: Principal, admin: Principal;
let id: number, personalId: string;
const masked = () => `********${personalId.slice(-4)}`;

beforeAll(async () => {
  t = await freshDb({ asProcessClient: true });
  staff = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  officer = await principalFor(t.prisma, "PROVINCE_OFFICER", "01");
  admin = await principalFor(t.prisma, "ADMIN", "01");
  const input = registrationInput();
  personalId = input.personalId;
  id = (await registerEnrollee(t.prisma, staff, input)).id;
});
afterAll(async () => {
  await t?.close();
});

async function csvOf(p: Principal): Promise<string> {
  return (await renewalExport(t.prisma, p, { status: "ALL" }, "csv", messages.vi, ON)).text();
}
async function xlsxIds(p: Principal): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await (await renewalExport(t.prisma, p, { status: "ALL" }, "xlsx", messages.vi, ON)).arrayBuffer());
  const ws = wb.worksheets[0];
  const out: string[] = [];
  ws.eachRow((row, n) => void (n > 2 && out.push(String(row.getCell(3).value))));
  return out;
}

describe("personal ID numbers", () => {
  it("renewal exports: whole for local staff, masked for officers and admins (CSV and XLSX)", async () => {
    expect(await csvOf(staff)).toContain(personalId);
    expect(await xlsxIds(staff)).toEqual([personalId]);
    for (const p of [officer, admin]) {
      const csv = await csvOf(p);
      expect(csv).toContain(masked());
      expect(csv).not.toContain(personalId);
      expect(await xlsxIds(p)).toEqual([masked()]);
    }
  });

  it("the API's enrollee detail and contributions, and the detail data: masked for roles that only read", async () => {
    const tokens = {
      staff: await issueTestToken(t.prisma, staff.userId),
      officer: await issueTestToken(t.prisma, officer.userId),
      admin: await issueTestToken(t.prisma, admin.userId),
    };
    const { GET } = await import("@/app/api/v1/enrollees/[id]/route");
    const { GET: contributions } = await import("@/app/api/v1/enrollees/[id]/contributions/route");
    const get = async (token: string, h = GET) => {
      const res = await h(new NextRequest(`http://127.0.0.1/api/v1/enrollees/${id}`, { headers: { authorization: `Bearer ${token}` } }), {
        params: Promise.resolve({ id: String(id) }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control"), "personal data: never cached (issue 17 item 9)").toBe("no-store");
      return res.text();
    };
    expect(await get(tokens.staff)).toContain(personalId);
    for (const token of [tokens.officer, tokens.admin]) {
      expect(await get(token)).not.toContain(personalId);
      expect(await get(token)).toContain(masked());
      expect(await get(token, contributions)).not.toContain(personalId);
    }
    expect((await getEnrollee(t.prisma, officer, id)).personalId).toBe(masked());
    expect((await getEnrollee(t.prisma, staff, id)).personalId).toBe(personalId);
  });

  it("a corrected ID number in the audit trail (detail and audit log) is masked for admins", async () => {
    const before = await getEnrollee(t.prisma, staff, id);
    const corrected = `${personalId.slice(0, 11)}${(Number(personalId.slice(-1)) + 1) % 10}`;
    await updateEnrollee(t.prisma, staff, id, {
      ...registrationInput(),
      personalId: corrected,
      fullName: before.fullName,
      version: before.updatedAt.toISOString(),
    }).catch(() => undefined);
    const trail = JSON.stringify((await getEnrollee(t.prisma, admin, id)).audit);
    expect(trail).not.toContain(personalId);
    const log = JSON.stringify(await listAuditLog(t.prisma, admin, {}));
    expect(log).not.toContain(personalId);
    expect(log).toContain("********");
  });
});

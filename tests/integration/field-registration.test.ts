// A collector registers new people (issue 11, item 2) through the desk's one registration function and
// route: only in the communes its agent serves (the server refuses any other, nothing written), the
// person becomes its agent's, the first payment carries its agent and itself whatever the input says,
// and the new person is in the collector's list. Through the functions and the JSON API (bearer token).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { z } from "zod";
import { freshDb, type TestDb } from "./db";
import { createAgent, createEnrollee, principalFor } from "../fixtures/factories";
import { issueTestToken, registrationInput } from "../fixtures/enrollment";
import type { Principal } from "@/lib/server/auth/authz";
import { principalFromUserId } from "@/lib/server/auth/session";
import { listEnrollees, registerEnrollee, registrationOptions } from "@/lib/server/enrollment/enrollees";
import { fieldPerson } from "@/lib/server/field/person";
import * as enrolleesRoute from "@/app/api/v1/enrollees/route";

let t: TestDb;
let staff: Principal, collector: Principal;
let agentA: number, agentB: number, collectorA: number, token: string;
let communeA: string, communeB: string, otherAreaCommune: string;
let theirs: { id: number; personalId: string };

const counts = async () => ({
  enrollees: await t.prisma.enrollee.count(),
  contributions: await t.prisma.contribution.count(),
  audit: await t.prisma.auditLog.count(),
});

async function post(body: unknown) {
  const req = new NextRequest("http://127.0.0.1/api/v1/enrollees", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const res = await enrolleesRoute.POST(req, { params: Promise.resolve({}) });
  return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function get(url: string) {
  const res = await enrolleesRoute.GET(new NextRequest(`http://127.0.0.1${url}`, { headers: { authorization: `Bearer ${token}` } }), {
    params: Promise.resolve({}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** The registration's refusal as field paths (a ZodError), or "ok". */
const refusal = (r: Promise<unknown>) =>
  r.then(
    () => "ok",
    (e) => (e instanceof z.ZodError ? e.issues.map((i) => i.path.join(".")) : e),
  );

beforeAll(async () => {
  t = await freshDb({ asProcessClient: true }); // principalFromUserId and the route use the process's client
  const communes = await t.prisma.unit.findMany({ where: { areaCode: "001", level: "COMMUNE" }, orderBy: { code: "asc" }, take: 2 });
  [communeA, communeB] = communes.map((c) => c.code);
  otherAreaCommune = (await t.prisma.unit.findFirstOrThrow({ where: { areaCode: "006", level: "COMMUNE" }, orderBy: { code: "asc" } })).code;
  staff = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  // agent A serves commune A only; agent B serves both communes of the area
  agentA = (await createAgent(t.prisma, communeA)).id;
  agentB = (await createAgent(t.prisma, communeA)).id;
  await t.prisma.agentCommune.create({ data: { agentId: agentB, communeCode: communeB } });
  collectorA = (await t.prisma.collector.create({ data: { agentId: agentA, name: "Phạm Thị Thu" } })).id;
  const user = await t.prisma.user.create({
    data: { login: "thu.reg", name: "Phạm Thị Thu", passwordHash: "x", role: "COLLECTOR", unitCode: "001", collectorId: collectorA },
  });
  collector = (await principalFromUserId(user.id))!; // as a session or a token loads it
  token = await issueTestToken(t.prisma, user.id);
  const e = await createEnrollee(t.prisma, communeA, { fullName: "Lê Thị Của Đại Lý Khác", agentId: agentB });
  theirs = { id: e.id, personalId: e.personalId };
});
afterAll(async () => {
  await t.close();
});

describe("a collector registers a new person", () => {
  it("the form offers its agent's communes and its agent only, preset", async () => {
    expect(collector.collector).toMatchObject({ agentId: agentA, communeCodes: [communeA] });
    const o = await registrationOptions(t.prisma, collector);
    expect(o.communes.map((c) => c.code)).toEqual([communeA]);
    expect(o.agents.map((a) => a.id)).toEqual([agentA]);
    expect(o.fixedAgentId).toBe(agentA);
    expect(o.personPath).toBe("/field");
    // the desk is unchanged: the area's communes and every agent serving them, nothing fixed
    const desk = await registrationOptions(t.prisma, staff);
    expect(desk.communes.map((c) => c.code)).toEqual(expect.arrayContaining([communeA, communeB]));
    expect(desk.agents.map((a) => a.id).sort()).toEqual([agentA, agentB].sort());
    expect(desk.fixedAgentId).toBeUndefined();
  });

  it("in its agent's commune: the person and the first payment carry its agent and itself, whatever the input says", async () => {
    for (const agentId of ["OFFICE", agentB]) {
      const input = registrationInput({ communeCode: communeA, agentId });
      const r = await registerEnrollee(t.prisma, collector, input);
      expect(r.enrollee.agentId).toBe(agentA);
      const c = await t.prisma.contribution.findFirstOrThrow({ where: { enrolleeId: r.id } });
      expect({ agentId: c.agentId, collectorId: c.collectorId, recordedById: c.recordedById }).toEqual({
        agentId: agentA,
        collectorId: collectorA,
        recordedById: collector.userId,
      });
      expect(r.payment).toMatchObject({ agentId: agentA, collectorId: collectorA });
      // it is one of the collector's people: its list, its person card
      const list = await listEnrollees(t.prisma, collector, { q: input.fullName });
      expect(list.rows.map((x) => x.id)).toEqual([r.id]);
      expect((await fieldPerson(t.prisma, collector, r.id)).fullName).toBe(input.fullName);
    }
  });

  it("without a payment too: the never-paid person is in its list (the worklist does not show them)", async () => {
    const input = { ...registrationInput({ communeCode: communeA }), payment: undefined };
    const r = await registerEnrollee(t.prisma, collector, input);
    expect(r.payment).toBeNull();
    expect(r.enrollee.agentId).toBe(agentA);
    const list = await listEnrollees(t.prisma, collector, {});
    expect(list.rows.find((x) => x.id === r.id)?.status).toBe("NEVER_PAID");
    // its list holds its agent's people only
    expect(list.rows.map((x) => x.id)).not.toContain(theirs.id);
  });

  it("in another commune of the same area, or another area: refused on the commune, nothing written", async () => {
    const before = await counts();
    expect(await refusal(registerEnrollee(t.prisma, collector, registrationInput({ communeCode: communeB })))).toContain("communeCode");
    expect(await refusal(registerEnrollee(t.prisma, collector, registrationInput({ communeCode: otherAreaCommune })))).toContain("communeCode");
    expect(await counts()).toEqual(before);
    // the district staff may register in commune B (the rule is the collector's)
    expect(await refusal(registerEnrollee(t.prisma, staff, registrationInput({ communeCode: communeB, agentId: agentB })))).toBe("ok");
  });

  it("a taken ID number of someone who is not its agent's person is not named to it", async () => {
    // the fixture person's ID number encodes a woman born in 1980
    const input = registrationInput({ communeCode: communeA, personalId: theirs.personalId, dateOfBirth: "1980-06-15", sex: "FEMALE" });
    const e = await registerEnrollee(t.prisma, collector, input).catch((x) => x as z.ZodError);
    const issue = (e as z.ZodError).issues.find((i) => i.path[0] === "personalId") as { message: string; params?: { code?: string; existingId?: number } };
    expect(issue.params?.code).toBe("DUPLICATE_PERSONAL_ID");
    expect(issue.params?.existingId).toBeUndefined();
    expect(issue.message).not.toContain("Lê Thị");
    // the area's staff is told who it is
    const d = await registerEnrollee(t.prisma, staff, input).catch((x) => x as z.ZodError);
    expect(((d as z.ZodError).issues.find((i) => i.path[0] === "personalId") as { params?: { existingId?: number } }).params?.existingId).toBe(theirs.id);
  });
});

describe("through the JSON API (the collector's bearer token, the existing enrollee route)", () => {
  it("registers in its agent's commune with its agent and itself on the payment", async () => {
    const input = registrationInput({ communeCode: communeA, agentId: agentB });
    const r = await post(input);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.enrollee.agentId).toBe(agentA);
    expect(r.body.payment).toMatchObject({ agentId: agentA, collectorId: collectorA });
    const list = await get(`/api/v1/enrollees?q=${encodeURIComponent(input.fullName)}`);
    expect(list.status).toBe(200);
    expect(list.body.rows.map((x: { id: number }) => x.id)).toEqual([r.body.enrollee.id]);
  });

  it("refuses another commune of the area and another area (400 on communeCode), nothing written", async () => {
    const before = await counts();
    for (const communeCode of [communeB, otherAreaCommune]) {
      const r = await post(registrationInput({ communeCode }));
      expect(r.status).toBe(400);
      expect(JSON.stringify(r.body)).toContain("communeCode");
    }
    expect(await counts()).toEqual(before);
  });

  it("its list through the API holds its agent's people only", async () => {
    const all = await get("/api/v1/enrollees?pageSize=200");
    expect(all.status).toBe(200);
    const ids = all.body.rows.map((x: { id: number }) => x.id) as number[];
    expect(ids).not.toContain(theirs.id);
    const agents = await t.prisma.enrollee.findMany({ where: { id: { in: ids } }, select: { agentId: true, communeCode: true } });
    expect(agents.every((a) => a.agentId === agentA && a.communeCode === communeA)).toBe(true);
    expect(ids.length).toBeGreaterThan(0);
  });
});

describe("administrators create collector logins from the agent's collectors panel", () => {
  it("a login bound to the collector, its agent and communes; one per collector; inside the admin's scope only", async () => {
    const { createCollectorUser } = await import("@/lib/server/auth/users");
    const adminHanoi = await principalFor(t.prisma, "ADMIN", "01");
    const c2 = (await t.prisma.collector.create({ data: { agentId: agentB, name: "Đỗ Văn Hai" } })).id;
    const r = await createCollectorUser(t.prisma, adminHanoi, c2, { login: "thu.hai" });
    expect(r.password.length).toBeGreaterThanOrEqual(12);
    const p = (await principalFromUserId(r.id))!;
    expect({ role: p.role, unitCode: p.unitCode, collector: p.collector }).toEqual({
      role: "COLLECTOR",
      unitCode: "001",
      collector: { collectorId: c2, agentId: agentB, communeCodes: [communeA, communeB].sort() },
    });
    // agent B serves commune B: this collector may register there
    expect((await registrationOptions(t.prisma, p)).communes.map((c) => c.code).sort()).toEqual([communeA, communeB].sort());
    await expect(createCollectorUser(t.prisma, adminHanoi, c2, { login: "thu.hai2" })).rejects.toBeInstanceOf(z.ZodError);
    // another province's admin does not find the collector; district staff may not manage users
    const adminNghean = await principalFor(t.prisma, "ADMIN", "40");
    await expect(createCollectorUser(t.prisma, adminNghean, collectorA, { login: "thu.x" })).rejects.toMatchObject({ status: 404 });
    await expect(createCollectorUser(t.prisma, staff, collectorA, { login: "thu.y" })).rejects.toMatchObject({ status: 403 });
    // deactivating the collector ends the sign-in
    await t.prisma.collector.update({ where: { id: c2 }, data: { active: false } });
    expect(await principalFromUserId(r.id)).toBeNull();
  });
});

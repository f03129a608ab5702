// Collection agents: who may see and change which agents (scope), and that every change is audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { freshDb, type TestDb } from "./db";
import { addContribution, createEnrollee, principalFor } from "../fixtures/factories";
import { agentInput } from "../fixtures/agents";
import type { Principal } from "@/lib/server/auth/authz";
import {
  addCollector,
  createAgent,
  endAgentContract,
  getAgentDetail,
  listAgents,
  setCollectorActive,
  suspendAgent,
  updateAgent,
  updateCollector,
} from "@/lib/server/agents/agents";

const TODAY = "2026-06-15";
let t: TestDb;
let national: Principal, hanoiAdmin: Principal, hanoiOfficer: Principal, badinh: Principal, dongda: Principal, ngheanAdmin: Principal;
let hanoiAgent: number, ngheanAgent: number, dongdaAgent: number;
let vinhCommune: string;

const fieldOf = (e: unknown) => (e instanceof ZodError ? e.issues.map((i) => i.path.join(".")) : []);
async function rejectsField(p: Promise<unknown>, field: string) {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e, `expected a validation error on ${field}`).toBeInstanceOf(ZodError);
  expect(fieldOf(e)).toContain(field);
}

beforeAll(async () => {
  t = await freshDb();
  national = await principalFor(t.prisma, "ADMIN", "VN");
  hanoiAdmin = await principalFor(t.prisma, "ADMIN", "01");
  hanoiOfficer = await principalFor(t.prisma, "PROVINCE_OFFICER", "01");
  badinh = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  dongda = await principalFor(t.prisma, "DISTRICT_STAFF", "006");
  ngheanAdmin = await principalFor(t.prisma, "ADMIN", "40");
  vinhCommune = (await t.prisma.unit.findFirstOrThrow({ where: { areaCode: "412", level: "COMMUNE" }, orderBy: { code: "asc" } })).code;
  const dongdaCommune = (await t.prisma.unit.findFirstOrThrow({ where: { areaCode: "006", level: "COMMUNE" }, orderBy: { code: "asc" } })).code;
  hanoiAgent = (await createAgent(t.prisma, hanoiAdmin, agentInput({ code: "HN-BD-01", name: "Bưu điện Phường Ba Đình" }))).id;
  dongdaAgent = (
    await createAgent(t.prisma, hanoiAdmin, agentInput({ code: "HN-DD-01", name: "Hội Nông dân Đống Đa", areaCode: "006", communeCodes: [dongdaCommune] }))
  ).id;
  ngheanAgent = (await createAgent(t.prisma, ngheanAdmin, agentInput({ code: "NA-V-01", name: "Bưu điện Vinh", areaCode: "412", communeCodes: [vinhCommune] })))
    .id;
});
afterAll(async () => {
  await t.close();
});

describe("agents: scope", () => {
  it("lists exactly the agents of each caller's unit (independent SQL)", async () => {
    const ids = async (p: Principal) => (await listAgents(t.prisma, p, { pageSize: 200 }, TODAY)).rows.map((r) => r.id).sort((a, b) => a - b);
    const sql = async (where: string) =>
      (await t.prisma.$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM "CollectionAgent" WHERE ${where} ORDER BY id`)).map((r) => r.id);
    expect(await ids(hanoiAdmin)).toEqual(await sql(`"provinceCode" = '01'`));
    expect(await ids(hanoiOfficer)).toEqual([hanoiAgent, dongdaAgent]);
    expect(await ids(badinh)).toEqual([hanoiAgent]);
    expect(await ids(dongda)).toEqual([dongdaAgent]);
    expect(await ids(ngheanAdmin)).toEqual([ngheanAgent]);
    expect(await ids(national)).toEqual([hanoiAgent, dongdaAgent, ngheanAgent]);
    // a national user filters by province; a province filter cannot widen a narrower scope
    expect((await listAgents(t.prisma, national, { province: "40" }, TODAY)).rows.map((r) => r.id)).toEqual([ngheanAgent]);
    expect((await listAgents(t.prisma, hanoiAdmin, { province: "40" }, TODAY)).rows).toEqual([]);
    expect((await listAgents(t.prisma, badinh, { area: "006" }, TODAY)).rows).toEqual([]);
  });

  it("Hà Nội's admin cannot read or change Nghệ An's agents: they are 'not found'", async () => {
    await expect(getAgentDetail(t.prisma, hanoiAdmin, ngheanAgent, TODAY)).rejects.toMatchObject({ status: 404 });
    await expect(
      updateAgent(t.prisma, hanoiAdmin, ngheanAgent, agentInput({ code: "NA-V-01", areaCode: "412", communeCodes: [vinhCommune] })),
    ).rejects.toMatchObject({ status: 404 });
    await expect(suspendAgent(t.prisma, hanoiAdmin, ngheanAgent)).rejects.toMatchObject({ status: 404 });
    await expect(endAgentContract(t.prisma, hanoiAdmin, ngheanAgent, { contractEnd: TODAY }, { today: TODAY })).rejects.toMatchObject({ status: 404 });
    await expect(addCollector(t.prisma, hanoiAdmin, ngheanAgent, { name: "Nguyễn Văn B" })).rejects.toMatchObject({ status: 404 });
    const row = await t.prisma.collectionAgent.findUniqueOrThrow({ where: { id: ngheanAgent } });
    expect(row.status).toBe("ACTIVE");
    expect(await t.prisma.collector.count({ where: { agentId: ngheanAgent } })).toBe(0);
  });

  it("Hà Nội's admin cannot place an agent in Nghệ An or give it a Nghệ An commune", async () => {
    await rejectsField(createAgent(t.prisma, hanoiAdmin, agentInput({ areaCode: "412", communeCodes: [vinhCommune] })), "areaCode");
    await rejectsField(createAgent(t.prisma, hanoiAdmin, agentInput({ communeCodes: ["00004", vinhCommune] })), "communeCodes");
    await rejectsField(updateAgent(t.prisma, hanoiAdmin, hanoiAgent, agentInput({ code: "HN-BD-01", communeCodes: [vinhCommune] })), "communeCodes");
    expect(await t.prisma.collectionAgent.count({ where: { provinceCode: "01" } })).toBe(2);
  });

  it("district staff see their area's agents but may not write agents; province officers only read", async () => {
    const detail = await getAgentDetail(t.prisma, badinh, hanoiAgent, TODAY);
    expect(detail.communes.map((c) => c.code)).toEqual(["00004", "00008"]);
    await expect(getAgentDetail(t.prisma, badinh, dongdaAgent, TODAY)).rejects.toMatchObject({ status: 404 });
    for (const p of [badinh, hanoiOfficer]) {
      await expect(createAgent(t.prisma, p, agentInput())).rejects.toMatchObject({ status: 403 });
      await expect(updateAgent(t.prisma, p, hanoiAgent, agentInput({ code: "HN-BD-01" }))).rejects.toMatchObject({ status: 403 });
      await expect(suspendAgent(t.prisma, p, hanoiAgent)).rejects.toMatchObject({ status: 403 });
      await expect(addCollector(t.prisma, p, hanoiAgent, { name: "Trần Thị C" })).rejects.toMatchObject({ status: 403 });
    }
  });

  it("refuses a duplicate code, keeps names searchable without diacritics", async () => {
    await rejectsField(createAgent(t.prisma, ngheanAdmin, agentInput({ code: "hn-bd-01", areaCode: "412", communeCodes: [vinhCommune] })), "code");
    const found = await listAgents(t.prisma, hanoiAdmin, { q: "buu dien ba dinh" }, TODAY);
    expect(found.rows.map((r) => r.id)).toEqual([hanoiAgent]);
    expect((await listAgents(t.prisma, hanoiAdmin, { q: "hn-dd" }, TODAY)).rows.map((r) => r.id)).toEqual([dongdaAgent]);
    expect((await listAgents(t.prisma, hanoiAdmin, { commune: "00008" }, TODAY)).rows.map((r) => r.id)).toEqual([hanoiAgent]);
    expect((await listAgents(t.prisma, hanoiAdmin, { kind: "POST_OFFICE" }, TODAY)).rows).toEqual([]);
  });

  it("edits communes and collectors, each change audited with before and after", async () => {
    await updateAgent(
      t.prisma,
      hanoiAdmin,
      hanoiAgent,
      agentInput({ code: "HN-BD-01", name: "Bưu điện Phường Ba Đình", kind: "POST_OFFICE", communeCodes: ["00008", "00025"] }),
    );
    const communes = await t.prisma.agentCommune.findMany({ where: { agentId: hanoiAgent }, orderBy: { communeCode: "asc" } });
    expect(communes.map((c) => c.communeCode)).toEqual(["00008", "00025"]);
    const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { action: "agent.update", entityId: String(hanoiAgent) } });
    expect(audit.userLogin).toBe(hanoiAdmin.login);
    expect((audit.before as { communes: string[] }).communes).toEqual(["00004", "00008"]);
    expect((audit.after as { communes: string[]; kind: string }).communes).toEqual(["00008", "00025"]);
    expect((audit.after as { kind: string }).kind).toBe("POST_OFFICE");

    const { id } = await addCollector(t.prisma, hanoiAdmin, hanoiAgent, { name: "  Lê   Thị Thu ", phone: "0987.654.321" });
    await updateCollector(t.prisma, hanoiAdmin, id, { name: "Lê Thị Thu Hà", phone: "" });
    await setCollectorActive(t.prisma, hanoiAdmin, id, false);
    const c = await t.prisma.collector.findUniqueOrThrow({ where: { id } });
    expect(c).toMatchObject({ name: "Lê Thị Thu Hà", phone: null, active: false });
    // a later edit without the "active" field does not bring the collector back
    await updateCollector(t.prisma, hanoiAdmin, id, { name: "Lê Thị Thu Hà", phone: "0912345678" });
    expect((await t.prisma.collector.findUniqueOrThrow({ where: { id } })).active).toBe(false);
    expect(await t.prisma.auditLog.count({ where: { entity: "Collector", entityId: String(id) } })).toBe(4);
    expect((await getAgentDetail(t.prisma, hanoiAdmin, hanoiAgent, TODAY)).collectors).toEqual([
      { id, name: "Lê Thị Thu Hà", phone: "0912345678", active: false },
    ]);
    expect(await t.prisma.auditLog.count({ where: { action: "agent.create" } })).toBe(3);
  });

  it("shows the agent's participants today, enrollees and this year's target, as independent SQL counts", async () => {
    const e1 = await createEnrollee(t.prisma, "00008", { agentId: hanoiAgent });
    const e2 = await createEnrollee(t.prisma, "00008", { agentId: hanoiAgent });
    await createEnrollee(t.prisma, "00008", { agentId: hanoiAgent }); // never paid
    await addContribution(t.prisma, e1.id, "2026-01-01", "2026-12-31");
    await addContribution(t.prisma, e1.id, "2025-01-01", "2025-12-31");
    await addContribution(t.prisma, e2.id, "2025-01-01", "2025-12-31"); // lapsed by TODAY
    await t.prisma.target.create({ data: { year: 2026, agentId: hanoiAgent, provinceCode: "01", participants: 40 } });
    await t.prisma.target.create({ data: { year: 2025, agentId: hanoiAgent, provinceCode: "01", participants: 10 } });
    const d = await getAgentDetail(t.prisma, hanoiAdmin, hanoiAgent, TODAY);
    const [sql] = await t.prisma.$queryRaw<{ participants: bigint; enrollees: bigint }[]>`
      SELECT (SELECT count(DISTINCT c."enrolleeId") FROM "Contribution" c JOIN "Enrollee" e ON e.id = c."enrolleeId"
              WHERE e."agentId" = ${hanoiAgent} AND c."periodStart" <= DATE '2026-06-15' AND c."periodEnd" >= DATE '2026-06-15') AS participants,
             (SELECT count(*) FROM "Enrollee" WHERE "agentId" = ${hanoiAgent}) AS enrollees`;
    expect(d.participants).toBe(Number(sql.participants));
    expect(d.participants).toBe(1);
    expect(d.enrollees).toBe(Number(sql.enrollees));
    expect(d.enrollees).toBe(3);
    expect(d.target).toBe(40);
    const row = (await listAgents(t.prisma, hanoiAdmin, { q: "HN-BD-01" }, TODAY)).rows[0];
    expect(row).toMatchObject({ id: hanoiAgent, participants: 1, enrollees: 3, target: 40, communes: 2, collectors: 0 });
  });
});

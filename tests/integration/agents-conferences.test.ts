// Outreach conferences: scoped planning and recording, and "people enrolled" per conference
// equal to an independent SQL count of Enrollee.conferenceId.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "./db";
import { createEnrollee, principalFor } from "../fixtures/factories";
import { agentInput } from "../fixtures/agents";
import type { Principal } from "@/lib/server/auth/authz";
import { createAgent, endAgentContract } from "@/lib/server/agents/agents";
import { createConference, deleteConference, getConference, listConferences, listRecentConferences, updateConference } from "@/lib/server/agents/conferences";

const TODAY = "2026-06-15";
let t: TestDb;
let admin: Principal, officer: Principal, badinh: Principal, dongda: Principal, nghean: Principal;
let agentBaDinh: number, agentEnded: number;
const conf: Record<string, number> = {};
let dongdaCommune: string;

beforeAll(async () => {
  t = await freshDb();
  admin = await principalFor(t.prisma, "ADMIN", "01");
  officer = await principalFor(t.prisma, "PROVINCE_OFFICER", "01");
  badinh = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  dongda = await principalFor(t.prisma, "DISTRICT_STAFF", "006");
  nghean = await principalFor(t.prisma, "ADMIN", "40");
  dongdaCommune = (await t.prisma.unit.findFirstOrThrow({ where: { areaCode: "006", level: "COMMUNE" }, orderBy: { code: "asc" } })).code;
  agentBaDinh = (await createAgent(t.prisma, admin, agentInput({ code: "BD1", communeCodes: ["00004", "00008"] }))).id;
  agentEnded = (await createAgent(t.prisma, admin, agentInput({ code: "BD2", contractStart: "2024-01-01", communeCodes: ["00004"] }))).id;
  await endAgentContract(t.prisma, admin, agentEnded, { contractEnd: "2026-03-31" }, { today: TODAY });
});
afterAll(async () => {
  await t.close();
});

describe("conferences", () => {
  it("district staff and admins record conferences in their scope; officers and other areas cannot", async () => {
    conf.a = (
      await createConference(
        t.prisma,
        badinh,
        {
          heldOn: "2026-05-10",
          communeCode: "00004",
          agentId: String(agentBaDinh),
          title: "Hội nghị tuyên truyền BHXH tự nguyện phường Ba Đình",
          attendees: "120",
        },
        { today: TODAY },
      )
    ).id;
    conf.b = (
      await createConference(
        t.prisma,
        admin,
        { heldOn: "2026-05-20", communeCode: "00008", agentId: "", title: "Hội nghị khách hàng Ngọc Hà", attendees: "" },
        { today: TODAY },
      )
    ).id;
    conf.c = (
      await createConference(t.prisma, dongda, { heldOn: "2026-06-01", communeCode: dongdaCommune, title: "Hội nghị Đống Đa", attendees: 60 }, { today: TODAY })
    ).id;
    conf.planned = (
      await createConference(
        t.prisma,
        badinh,
        { heldOn: "2026-11-10", communeCode: "00008", agentId: agentBaDinh, title: "Hội nghị tháng 11", attendees: 0 },
        { today: TODAY },
      )
    ).id;
    // a past conference may name an agent whose contract covered that day, even if it has ended since
    conf.old = (
      await createConference(
        t.prisma,
        badinh,
        { heldOn: "2026-03-01", communeCode: "00004", agentId: agentEnded, title: "Hội nghị tháng 3", attendees: 50 },
        { today: TODAY },
      )
    ).id;

    await expect(createConference(t.prisma, officer, { heldOn: "2026-05-10", communeCode: "00004", title: "X", attendees: 1 })).rejects.toMatchObject({
      status: 403,
    });
    await expect(
      createConference(t.prisma, dongda, { heldOn: "2026-05-10", communeCode: "00004", title: "Hội nghị lấn sân", attendees: 1 }, { today: TODAY }),
    ).rejects.toMatchObject({ issues: [{ path: ["communeCode"] }] });
    await expect(
      createConference(t.prisma, nghean, { heldOn: "2026-05-10", communeCode: "00004", title: "Hội nghị lấn sân", attendees: 1 }, { today: TODAY }),
    ).rejects.toMatchObject({ issues: [{ path: ["communeCode"] }] });
    // the agent must serve the commune, and a planned conference needs an agent that is active now
    await expect(
      createConference(
        t.prisma,
        admin,
        { heldOn: "2026-05-10", communeCode: dongdaCommune, agentId: agentBaDinh, title: "Sai đại lý", attendees: 1 },
        { today: TODAY },
      ),
    ).rejects.toMatchObject({ issues: [{ path: ["agentId"] }] });
    await expect(
      createConference(
        t.prisma,
        admin,
        { heldOn: "2026-07-01", communeCode: "00004", agentId: agentEnded, title: "Đại lý đã chấm dứt", attendees: 0 },
        { today: TODAY },
      ),
    ).rejects.toMatchObject({ issues: [{ path: ["agentId"] }] });
    await expect(
      updateConference(t.prisma, dongda, conf.a, { heldOn: "2026-05-10", communeCode: "00004", title: "Sửa", attendees: 1 }, { today: TODAY }),
    ).rejects.toMatchObject({ status: 404 });
    expect(await t.prisma.outreachConference.count()).toBe(5);
    expect(await t.prisma.auditLog.count({ where: { action: "conference.create" } })).toBe(5);
  });

  it("counts the people each conference enrolled, equal to an independent SQL count", async () => {
    for (let i = 0; i < 3; i++)
      await createEnrollee(t.prisma, "00004").then((e) => t.prisma.enrollee.update({ where: { id: e.id }, data: { conferenceId: conf.a } }));
    await createEnrollee(t.prisma, "00008").then((e) => t.prisma.enrollee.update({ where: { id: e.id }, data: { conferenceId: conf.b } }));
    for (let i = 0; i < 2; i++)
      await createEnrollee(t.prisma, dongdaCommune).then((e) => t.prisma.enrollee.update({ where: { id: e.id }, data: { conferenceId: conf.c } }));
    await createEnrollee(t.prisma, "00004"); // enrolled without a conference

    const sql = async (where: string) =>
      Object.fromEntries(
        (
          await t.prisma.$queryRawUnsafe<{ id: number; n: bigint }[]>(
            `SELECT oc.id, count(e.id) AS n FROM "OutreachConference" oc LEFT JOIN "Enrollee" e ON e."conferenceId" = oc.id WHERE ${where} GROUP BY oc.id`,
          )
        ).map((r) => [r.id, Number(r.n)]),
      );
    const listed = async (p: Principal, f = {}) => {
      const r = await listConferences(t.prisma, p, f, TODAY);
      return { byId: Object.fromEntries(r.rows.map((x) => [x.id, x.enrolled])), totalEnrolled: r.totalEnrolled, order: r.rows.map((x) => x.id) };
    };
    const hanoi = await listed(admin);
    expect(hanoi.byId).toEqual(await sql(`oc."provinceCode" = '01'`));
    expect(hanoi.byId[conf.a]).toBe(3);
    expect(hanoi.totalEnrolled).toBe(6);
    expect(hanoi.order).toEqual([conf.planned, conf.c, conf.b, conf.a, conf.old]); // newest first
    const bd = await listed(badinh);
    expect(bd.byId).toEqual(await sql(`oc."areaCode" = '001'`));
    expect(bd.totalEnrolled).toBe(4);
    expect((await listed(nghean)).order).toEqual([]);
    expect((await listed(admin, { from: "2026-05-15", to: "2026-06-30" })).order).toEqual([conf.c, conf.b]);
    expect((await listed(admin, { commune: "00004" })).order).toEqual([conf.a, conf.old]);
    expect((await getConference(t.prisma, badinh, conf.a, TODAY)).enrolled).toBe(3);
    await expect(getConference(t.prisma, dongda, conf.a, TODAY)).rejects.toMatchObject({ status: 404 });
  });

  it("keeps conferences with enrollees in place, and offers recent ones to the enrollment form", async () => {
    await expect(deleteConference(t.prisma, badinh, conf.a)).rejects.toMatchObject({ issues: [{ path: ["_form"] }] });
    await expect(
      updateConference(t.prisma, badinh, conf.a, { heldOn: "2026-05-10", communeCode: "00008", title: "Chuyển xã", attendees: 1 }, { today: TODAY }),
    ).rejects.toMatchObject({ issues: [{ path: ["communeCode"] }] });
    await updateConference(
      t.prisma,
      badinh,
      conf.planned,
      { heldOn: "2026-11-12", communeCode: "00008", agentId: agentBaDinh, title: "Hội nghị tháng 11 (dời lịch)", attendees: 0 },
      { today: TODAY },
    );
    await deleteConference(t.prisma, badinh, conf.planned);
    expect(await t.prisma.outreachConference.findUnique({ where: { id: conf.planned } })).toBeNull();
    const audit = await t.prisma.auditLog.findMany({ where: { entity: "OutreachConference", entityId: String(conf.planned) }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["conference.create", "conference.update", "conference.delete"]);
    expect((audit[1].before as { heldOn: string }).heldOn).toBe("2026-11-10");
    expect((audit[1].after as { heldOn: string }).heldOn).toBe("2026-11-12");
    expect((await listRecentConferences(t.prisma, badinh, "00004", TODAY)).map((c) => c.id)).toEqual([conf.a, conf.old]);
    await expect(listRecentConferences(t.prisma, dongda, "00004", TODAY)).rejects.toMatchObject({ status: 404 });
  });
});

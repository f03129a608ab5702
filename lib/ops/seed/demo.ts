// The deterministic demo data set (fixed random seed): three provinces with targets cascaded to
// agents, agents of several kinds, conferences, several thousand enrollees with three-plus years
// of contributions (May/November peaks, renewals, overdue and lapsed people), and demo users.
import type { PrismaClient } from "@/generated/prisma/client";
import type { AgentKind, OccupationGroup, PaymentMethod, PaymentPeriod, Role, SubsidyGroup } from "@/generated/prisma/enums";
import { allocateTarget } from "@/lib/domain/allocation";
import { addDays, fromIsoDate, todayInVietnam, yearOf, type IsoDate } from "@/lib/domain/dates";
import { makePersonalId } from "@/lib/domain/personal-id";
import { policyAt } from "@/lib/domain/policy";
import { toSearchForm } from "@/lib/domain/text";
import { hashPassword } from "../../server/auth/passwords";
import { countParticipants } from "../../server/dashboard/counting";
import { loadPolicyTables } from "../../server/reference/policy";
import { mobilePhone, vietnameseName } from "./people";
import { createRng, intBetween, pick, weighted, type Rng } from "./random";
import { seasonalDate, simulatePayments } from "./timeline";

export const DEMO_SEED = 20260701;
export const DEMO_PASSWORD = "Demo@2026";
/** Hà Nội, Nghệ An, Quảng Ninh (has island special zones). */
export const DEMO_PROVINCES = [
  { code: "01", enrollees: 2600 },
  { code: "40", enrollees: 2000 },
  { code: "22", enrollees: 1200 },
];
export const DEMO_FIRST_YEAR = 2022;

export type DemoUser = { login: string; name: string; role: Role; unitCode: string };
export const DEMO_USERS: DemoUser[] = [
  { login: "admin", name: "Quản trị toàn quốc", role: "ADMIN", unitCode: "VN" },
  { login: "admin.hanoi", name: "Trần Thị Quản Trị", role: "ADMIN", unitCode: "01" },
  { login: "tinh.hanoi", name: "Lê Văn Theo Dõi", role: "PROVINCE_OFFICER", unitCode: "01" },
  { login: "cs.badinh", name: "Phạm Thị Thu", role: "DISTRICT_STAFF", unitCode: "001" },
  { login: "cs.dongda", name: "Nguyễn Văn Hòa", role: "DISTRICT_STAFF", unitCode: "006" },
  { login: "admin.nghean", name: "Hồ Đức Quản", role: "ADMIN", unitCode: "40" },
  { login: "tinh.nghean", name: "Võ Thị Lan", role: "PROVINCE_OFFICER", unitCode: "40" },
  { login: "cs.vinh", name: "Đặng Văn Vinh", role: "DISTRICT_STAFF", unitCode: "412" },
  { login: "tinh.quangninh", name: "Bùi Thị Hạ", role: "PROVINCE_OFFICER", unitCode: "22" },
  { login: "cs.vandon", name: "Ngô Văn Đồn", role: "DISTRICT_STAFF", unitCode: "203" },
];

const AGENT_KINDS: AgentKind[] = [
  "COMMUNE_COMMITTEE",
  "WOMEN_UNION",
  "FARMERS_ASSOCIATION",
  "FATHERLAND_FRONT",
  "VETERANS",
  "YOUTH_UNION",
  "COOPERATIVE",
  "OTHER",
];
const AGENT_KIND_NAME: Record<AgentKind, string> = {
  POST_OFFICE: "Bưu điện",
  COMMUNE_COMMITTEE: "UBND",
  WOMEN_UNION: "Hội Phụ nữ",
  FARMERS_ASSOCIATION: "Hội Nông dân",
  FATHERLAND_FRONT: "Mặt trận Tổ quốc",
  VETERANS: "Hội Cựu chiến binh",
  YOUTH_UNION: "Đoàn Thanh niên",
  COOPERATIVE: "HTX Dịch vụ",
  OTHER: "Đại lý",
};

type Commune = { code: string; name: string; fullName: string; areaCode: string; provinceCode: string; communeKind: string | null };

export async function seedDemo(db: PrismaClient, asOf: IsoDate = todayInVietnam()): Promise<{ enrollees: number; contributions: number }> {
  const rng = createRng(DEMO_SEED);
  const tables = await loadPolicyTables(db);
  const users = await seedUsers(db);
  const staffOfArea = new Map(users.filter((u) => u.role === "DISTRICT_STAFF").map((u) => [u.unitCode, u.id]));
  const lastYear = yearOf(asOf);
  let enrolleeTotal = 0;
  let contributionTotal = 0;

  for (const prov of DEMO_PROVINCES) {
    const communes = (await db.unit.findMany({ where: { level: "COMMUNE", provinceCode: prov.code }, orderBy: { code: "asc" } })) as unknown as Commune[];
    const lf = new Map(
      (await db.labourForce.findMany({ where: { year: lastYear, unit: { provinceCode: prov.code, level: "COMMUNE" } } })).map((r) => [r.unitCode, r.persons]),
    );
    const areas = [...new Set(communes.map((c) => c.areaCode))];

    // --- agents: a post office per area serving all its communes, plus local organisations
    const agentsOfCommune = new Map<string, number[]>();
    let agentSeq = 0;
    const agentRows: {
      code: string;
      name: string;
      searchName: string;
      kind: AgentKind;
      provinceCode: string;
      areaCode: string;
      contractNo: string;
      contractStart: Date;
      contractEnd: Date | null;
      status: "ACTIVE" | "SUSPENDED" | "ENDED";
      phone: string;
      communes: string[];
    }[] = [];
    for (const area of areas) {
      const inArea = communes.filter((c) => c.areaCode === area);
      const code = `DL${prov.code}${String(++agentSeq).padStart(4, "0")}`;
      const name = `Bưu điện ${inArea[0].fullName.replace(/^(Xã|Phường|Đặc khu) /, "")}`;
      agentRows.push({
        code,
        name,
        searchName: toSearchForm(name),
        kind: "POST_OFFICE",
        provinceCode: prov.code,
        areaCode: area,
        contractNo: `HĐ-${code}`,
        contractStart: fromIsoDate("2021-01-01"),
        contractEnd: null,
        status: "ACTIVE",
        phone: mobilePhone(rng),
        communes: inArea.map((c) => c.code),
      });
      for (const c of inArea) {
        const n = intBetween(rng, 1, 2);
        for (let i = 0; i < n; i++) {
          const kind = i === 0 ? "COMMUNE_COMMITTEE" : pick(rng, AGENT_KINDS.slice(1));
          const code2 = `DL${prov.code}${String(++agentSeq).padStart(4, "0")}`;
          const name2 = `${AGENT_KIND_NAME[kind]} ${c.fullName}`;
          const ended = rng() < 0.05;
          agentRows.push({
            code: code2,
            name: name2,
            searchName: toSearchForm(name2),
            kind,
            provinceCode: prov.code,
            areaCode: area,
            contractNo: `HĐ-${code2}`,
            contractStart: fromIsoDate(`${intBetween(rng, 2019, 2023)}-01-01`),
            contractEnd: ended ? fromIsoDate(addDays(asOf, -intBetween(rng, 30, 300))) : null,
            status: ended ? "ENDED" : rng() < 0.03 ? "SUSPENDED" : "ACTIVE",
            phone: mobilePhone(rng),
            communes: [c.code],
          });
        }
      }
    }
    const createdAgents = await db.collectionAgent.createManyAndReturn({
      data: agentRows.map(({ communes: _c, ...a }) => a),
      select: { id: true, code: true },
    });
    const agentId = new Map(createdAgents.map((a) => [a.code, a.id]));
    await db.agentCommune.createMany({ data: agentRows.flatMap((a) => a.communes.map((communeCode) => ({ agentId: agentId.get(a.code)!, communeCode }))) });
    await db.collector.createMany({
      data: agentRows.flatMap((a) =>
        Array.from({ length: intBetween(rng, 1, 3) }, () => {
          const sex = rng() < 0.6 ? "FEMALE" : "MALE";
          return { agentId: agentId.get(a.code)!, name: vietnameseName(rng, sex), phone: mobilePhone(rng) };
        }),
      ),
    });
    // each payment is credited to one of its agent's collectors, chosen from the person's ID (no draw from
    // the random sequence, so the rest of the data set stays as it was)
    const collectorsOf = new Map<number, number[]>();
    for (const c of await db.collector.findMany({
      where: { agentId: { in: createdAgents.map((a) => a.id) } },
      select: { id: true, agentId: true },
      orderBy: { id: "asc" },
    })) {
      collectorsOf.set(c.agentId, [...(collectorsOf.get(c.agentId) ?? []), c.id]);
    }
    const collectorFor = (agent: number | null, personalId: string) => {
      const list = agent == null ? undefined : collectorsOf.get(agent);
      return list?.length ? list[Number(personalId.slice(-3)) % list.length] : null;
    };
    for (const a of agentRows)
      for (const c of a.communes) {
        const list = agentsOfCommune.get(c) ?? [];
        list.push(agentId.get(a.code)!);
        agentsOfCommune.set(c, list);
      }

    // --- conferences in campaign months
    const conferences: { id: number; communeCode: string; heldOn: IsoDate }[] = [];
    for (const area of areas) {
      const inArea = communes.filter((c) => c.areaCode === area);
      for (let year = DEMO_FIRST_YEAR; year <= lastYear; year++) {
        for (const month of ["05", "11"]) {
          const heldOn = `${year}-${month}-${String(intBetween(rng, 5, 25)).padStart(2, "0")}`;
          if (heldOn > asOf) continue;
          const c = pick(rng, inArea);
          const conf = await db.outreachConference.create({
            data: {
              heldOn: fromIsoDate(heldOn),
              communeCode: c.code,
              areaCode: area,
              provinceCode: prov.code,
              agentId: pick(rng, agentsOfCommune.get(c.code)!),
              title: `Hội nghị tuyên truyền BHXH tự nguyện ${c.fullName}`,
              attendees: intBetween(rng, 40, 180),
            },
          });
          conferences.push({ id: conf.id, communeCode: c.code, heldOn });
        }
      }
    }

    // --- enrollees and their payments
    const weights = communes.map((c) => lf.get(c.code) ?? 1);
    const totalWeight = weights.reduce((a, b) => a + b, 0);
    const people: PersonRow[] = [];
    for (let i = 0; i < prov.enrollees; i++) {
      let r = rng() * totalWeight;
      let ci = 0;
      while ((r -= weights[ci]) > 0 && ci < communes.length - 1) ci++;
      people.push(makePerson(rng, prov.code, communes[ci], i, asOf, agentsOfCommune.get(communes[ci].code)!, conferences));
    }
    if (prov.code === "01")
      people.unshift(
        knownPerson(
          rng,
          communes.find((c) => c.areaCode === "001")!,
          asOf,
          agentsOfCommune,
        ),
      );

    for (let i = 0; i < people.length; i += 500) {
      const batch = people.slice(i, i + 500).map((p) => ({ ...p, payments: simulatePayments(rng, p.plan, asOf, (d) => policyAt(tables, d, prov.code)) }));
      // the coverage summary kept on the enrollee (lib/server/enrollment/contributions.ts keeps it for new payments)
      const created = await db.enrollee.createManyAndReturn({
        data: batch.map((p) => ({
          ...p.enrollee,
          firstCoveredOn: p.payments.length ? fromIsoDate(p.payments[0].periodStart) : null,
          coverageEnd: p.payments.length ? fromIsoDate(p.payments[p.payments.length - 1].periodEnd) : null,
          subsidyMonthsUsed: p.payments.reduce((s, c) => s + c.subsidyMonths, 0),
        })),
        select: { id: true, personalId: true },
      });
      const idOf = new Map(created.map((e) => [e.personalId, e.id]));
      const contributions = batch.flatMap((p) =>
        p.payments.map((pay, k) => ({
          enrolleeId: idOf.get(p.enrollee.personalId)!,
          provinceCode: prov.code,
          areaCode: p.enrollee.areaCode,
          communeCode: p.enrollee.communeCode,
          periodStart: fromIsoDate(pay.periodStart),
          periodEnd: fromIsoDate(pay.periodEnd),
          months: pay.months,
          declaredIncome: pay.declaredIncome,
          paymentPeriod: pay.period,
          gross: pay.gross,
          centralSubsidy: pay.centralSubsidy,
          provincialTopUp: pay.provincialTopUp,
          net: pay.net,
          subsidyMonths: pay.subsidyMonths,
          method: weighted(rng, { CASH: 50, POST_OFFICE: 25, BANK_TRANSFER: 15, E_WALLET: 10 }) as PaymentMethod,
          receiptNo: `BL-${p.enrollee.personalId.slice(-6)}-${k + 1}-${pay.paidOn.replace(/-/g, "")}`,
          paidOn: fromIsoDate(pay.paidOn),
          agentId: p.enrollee.agentId,
          collectorId: collectorFor(p.enrollee.agentId, p.enrollee.personalId),
          recordedById: staffOfArea.get(p.enrollee.areaCode) ?? null,
        })),
      );
      await db.contribution.createMany({ data: contributions });
      contributionTotal += contributions.length;
    }
    enrolleeTotal += people.length;

    await seedTargets(db, prov.code, communes, agentsOfCommune, lastYear);
  }
  await seedCollectorLogins(db);
  await seedSampleCommissionRates(db);
  return { enrollees: enrolleeTotal, contributions: contributionTotal };
}

/** Commission (thù lao) rates of the demo: SAMPLE values, marked `sample` and said to be samples wherever they
 *  show — no official rate is known here (docs/domain.md). A second table from 1 July 2025 shows the dating. */
export const SAMPLE_COMMISSION_RATES: {
  agentKind: AgentKind;
  paymentPeriod: PaymentPeriod | null;
  newRateBp: number;
  renewalRateBp: number;
  effectiveFrom: IsoDate;
}[] = [
  ...(Object.keys(AGENT_KIND_NAME) as AgentKind[]).map((agentKind) => ({
    agentKind,
    paymentPeriod: null,
    newRateBp: 800,
    renewalRateBp: 400,
    effectiveFrom: "2022-01-01",
  })),
  ...(Object.keys(AGENT_KIND_NAME) as AgentKind[]).map((agentKind) => ({
    agentKind,
    paymentPeriod: null,
    newRateBp: 1000,
    renewalRateBp: 500,
    effectiveFrom: "2025-07-01",
  })),
  ...(Object.keys(AGENT_KIND_NAME) as AgentKind[]).map((agentKind) => ({
    agentKind,
    paymentPeriod: "MONTHLY" as PaymentPeriod,
    newRateBp: 1200,
    renewalRateBp: 600,
    effectiveFrom: "2025-07-01",
  })),
];

async function seedSampleCommissionRates(db: PrismaClient) {
  if (await db.commissionRate.count()) return;
  await db.commissionRate.createMany({
    data: SAMPLE_COMMISSION_RATES.map((r) => ({
      ...r,
      effectiveFrom: fromIsoDate(r.effectiveFrom),
      sample: true,
      legalBasis: "GIÁ TRỊ MẪU (demo) — không phải tỷ lệ chính thức",
    })),
  });
}

/** Collector sign-ins of the demo (issue 11): the first collector of each area's post office. */
export const DEMO_COLLECTORS: { login: string; areaCode: string; bank: { bankBin: string; bankAccountNo: string } }[] = [
  { login: "thu.badinh", areaCode: "001", bank: { bankBin: "970415", bankAccountNo: "113000012345" } }, // VietinBank
  { login: "thu.dongda", areaCode: "006", bank: { bankBin: "970405", bankAccountNo: "1500206012345" } }, // Agribank
];

/** Binds a COLLECTOR login to the first collector of its area's post office, whose collection account it sets. */
async function seedCollectorLogins(db: PrismaClient) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const d of DEMO_COLLECTORS) {
    const agent = await db.collectionAgent.findFirst({
      where: { areaCode: d.areaCode, kind: "POST_OFFICE" },
      orderBy: { code: "asc" },
      include: { collectors: { orderBy: { id: "asc" }, take: 1 } },
    });
    const collector = agent?.collectors[0];
    if (!agent || !collector || (await db.user.findUnique({ where: { login: d.login } }))) continue;
    await db.collectionAgent.update({ where: { id: agent.id }, data: { ...d.bank, bankAccountName: toSearchForm(agent.name).toUpperCase() } });
    await db.user.create({ data: { login: d.login, name: collector.name, role: "COLLECTOR", unitCode: d.areaCode, collectorId: collector.id, passwordHash } });
  }
}

type PersonRow = {
  enrollee: {
    personalId: string;
    siCode: string | null;
    fullName: string;
    searchName: string;
    dateOfBirth: Date;
    sex: "MALE" | "FEMALE";
    phone: string | null;
    provinceCode: string;
    areaCode: string;
    communeCode: string;
    address: string;
    occupation: OccupationGroup;
    subsidyGroup: SubsidyGroup;
    declaredIncome: number;
    paymentPeriod: PaymentPeriod;
    agentId: number;
    conferenceId: number | null;
    enrolledOn: Date;
  };
  plan: Parameters<typeof simulatePayments>[1];
};

let serial = 0;
function makePerson(
  rng: Rng,
  provinceCode: string,
  c: Commune,
  i: number,
  asOf: IsoDate,
  agents: number[],
  conferences: { id: number; communeCode: string; heldOn: IsoDate }[],
): PersonRow {
  const sex = rng() < 0.56 ? "FEMALE" : "MALE";
  const year = intBetween(rng, 1965, 2006);
  const dob = `${year}-${String(intBetween(rng, 1, 12)).padStart(2, "0")}-${String(intBetween(rng, 1, 28)).padStart(2, "0")}`;
  const fullName = vietnameseName(rng, sex);
  const here = conferences.filter((x) => x.communeCode === c.code);
  const conf = here.length && rng() < 0.15 ? pick(rng, here) : null;
  let enrolledOn = conf ? conf.heldOn : seasonalDate(rng, DEMO_FIRST_YEAR, asOf);
  if (enrolledOn < addDays(dob, 15 * 366)) enrolledOn = addDays(dob, 15 * 366 + 30); // eligible from 15
  const subsidyGroup: SubsidyGroup =
    c.communeKind === "DAC_KHU" && rng() < 0.7
      ? "ISLAND"
      : weighted(rng, { OTHER: 74, NEAR_POOR: 8, POOR: 7, ETHNIC_MINORITY: provinceCode === "40" ? 14 : 4 });
  const period = weighted(rng, { MONTHLY: 28, QUARTERLY: 14, SEMIANNUAL: 14, ANNUAL: 40, ADVANCE: 4 }) as PaymentPeriod;
  const income = rng() < 0.6 ? 1_500_000 : 1_500_000 + 100_000 * intBetween(rng, 1, 30);
  const agentId = pick(rng, agents);
  return {
    enrollee: {
      personalId: makePersonalId(`0${provinceCode}`, dob, sex, ++serial * 7 + i),
      siCode: rng() < 0.4 ? String(1000000000 + Math.floor(rng() * 8999999999)).slice(0, 10) : null,
      fullName,
      searchName: toSearchForm(fullName),
      dateOfBirth: fromIsoDate(dob),
      sex,
      phone: rng() < 0.9 ? mobilePhone(rng) : null,
      provinceCode,
      areaCode: c.areaCode,
      communeCode: c.code,
      address: `Thôn ${intBetween(rng, 1, 12)}, ${c.fullName}`,
      occupation: weighted(rng, { FARMER: 40, SELF_EMPLOYED: 25, INFORMAL_WORKER: 18, HOUSEHOLD_BUSINESS: 10, STUDENT: 2, OTHER: 5 }) as OccupationGroup,
      subsidyGroup,
      declaredIncome: income,
      paymentPeriod: period,
      agentId,
      conferenceId: conf?.id ?? null,
      enrolledOn: fromIsoDate(enrolledOn),
    },
    plan: { enrolledOn, period, declaredIncome: income, subsidyGroup, loyalty: 0.82 + rng() * 0.15 },
  };
}

/** A fixed person the README and tests can look up: Nguyễn Văn An in Ba Đình. */
function knownPerson(rng: Rng, c: Commune, asOf: IsoDate, agentsOfCommune: Map<string, number[]>): PersonRow {
  const enrolledOn = `${yearOf(asOf) - 2}-05-15`;
  return {
    enrollee: {
      personalId: "001085012345",
      siCode: "0112345678",
      fullName: "Nguyễn Văn An",
      searchName: toSearchForm("Nguyễn Văn An"),
      dateOfBirth: fromIsoDate("1985-03-12"),
      sex: "MALE",
      phone: "0912345678",
      provinceCode: "01",
      areaCode: c.areaCode,
      communeCode: c.code,
      address: `12 Phố Đội Cấn, ${c.fullName}`,
      occupation: "SELF_EMPLOYED",
      subsidyGroup: "OTHER",
      declaredIncome: 3_000_000,
      paymentPeriod: "ANNUAL",
      agentId: agentsOfCommune.get(c.code)![0],
      conferenceId: null,
      enrolledOn: fromIsoDate(enrolledOn),
    },
    plan: { enrolledOn, period: "ANNUAL", declaredIncome: 3_000_000, subsidyGroup: "OTHER", loyalty: 1 },
  };
}

async function seedTargets(db: PrismaClient, provinceCode: string, communes: Commune[], agentsOfCommune: Map<string, number[]>, lastYear: number) {
  for (let year = DEMO_FIRST_YEAR; year <= lastYear; year++) {
    const lf = new Map((await db.labourForce.findMany({ where: { year, unit: { provinceCode, level: "COMMUNE" } } })).map((r) => [r.unitCode, r.persons]));
    // plans grow on last year's result, as provinces set them: +15% on the participants at the end of last year
    const lastYearEnd = await countParticipants(db, { level: "PROVINCE", code: provinceCode }, `${year - 1}-12-31`);
    const total = Math.max(200, Math.round((lastYearEnd * 1.15) / 10) * 10);
    const data: { year: number; unitCode?: string; agentId?: number; provinceCode: string; participants: number; locked: boolean }[] = [];
    const locked = year < lastYear;
    data.push({ year, unitCode: provinceCode, provinceCode, participants: total, locked });
    const areas = [...new Set(communes.map((c) => c.areaCode))];
    const areaLf = (a: string) => communes.filter((c) => c.areaCode === a).reduce((s, c) => s + (lf.get(c.code) ?? 0), 0);
    const byArea = allocate(
      total,
      areas.map((a) => ({ code: a, labourForce: areaLf(a) })),
    );
    const agentTargets = new Map<number, number>();
    for (const a of areas) {
      data.push({ year, unitCode: a, provinceCode, participants: byArea[a], locked });
      const inArea = communes.filter((c) => c.areaCode === a);
      const byCommune = allocate(
        byArea[a],
        inArea.map((c) => ({ code: c.code, labourForce: lf.get(c.code) ?? 0 })),
      );
      // this year, one area's communes fall a little short, so the editor has a warning to show
      if (year === lastYear && a === areas[1]) byCommune[inArea[0].code] = Math.max(0, byCommune[inArea[0].code] - 3);
      for (const c of inArea) {
        data.push({ year, unitCode: c.code, provinceCode, participants: byCommune[c.code], locked });
        const agents = agentsOfCommune.get(c.code)!;
        const byAgent = allocate(
          byCommune[c.code],
          agents.map((id) => ({ code: String(id), labourForce: 1 })),
        );
        for (const id of agents) agentTargets.set(id, (agentTargets.get(id) ?? 0) + byAgent[String(id)]);
      }
    }
    for (const [agentId, participants] of agentTargets) data.push({ year, agentId, provinceCode, participants, locked });
    await db.target.createMany({ data });
  }
}

function allocate(total: number, children: { code: string; labourForce: number }[]): Record<string, number> {
  const r = allocateTarget({ total, method: "LABOUR_FORCE", children: children.map((c) => ({ ...c, participants: 0, lastYearParticipants: 0 })) });
  if (!r.ok) throw new Error(r.error.message.en);
  return r.allocations;
}

async function seedUsers(db: PrismaClient) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.user.createMany({ data: DEMO_USERS.map((u) => ({ ...u, passwordHash })), skipDuplicates: true });
  return db.user.findMany({ where: { login: { in: DEMO_USERS.map((u) => u.login) } } });
}

// The national-scale data generator (`npm run seed:scale`, issue 6): every province and commune,
// agents per commune, outreach conferences, enrollees in proportion to the labour force, years of
// contributions simulated with the real calculator and policy tables (lib/ops/seed/timeline.ts:
// May/November peaks, renewals, overdue and lapsed people), targets cascaded to areas, communes and
// agents with lib/domain/allocation.ts, and the demo users for benchmarks.
//
// Speed: rows are generated in batches and bulk-written with INSERT … SELECT FROM unnest(arrays)
// (lib/server/db/bulk.ts), with ids chosen here (no RETURNING round trips); the next batch is
// generated while the database writes the previous one. Memory stays bounded: only per-commune
// counters and one batch of rows are held. See docs/features/scale.md and ADR 0601.
import type { PrismaClient } from "@/generated/prisma/client";
import type { DbTx } from "../../server/db/client";
import type { AgentKind, OccupationGroup, PaymentMethod, PaymentPeriod, SubsidyGroup } from "@/generated/prisma/enums";
import { allocateTarget, largestRemainder } from "@/lib/domain/allocation";
import type { PolicySnapshot } from "@/lib/domain/contribution";
import { addDays as addDaysTo, todayInVietnam, toIsoDate, yearOf, type IsoDate } from "@/lib/domain/dates";
import { ID_PROVINCE_CODES, makePersonalId } from "@/lib/domain/personal-id";
import { policyAt, type PolicyTables } from "@/lib/domain/policy";
import { toSearchForm as searchFormOf } from "@/lib/domain/text";
import { loadPolicyTables } from "../../server/reference/policy";
import { hashPassword } from "../../server/auth/passwords";
import type { SqlConnection } from "../../server/db/sql";
import { BulkTable, type BulkConnection } from "../../server/db/bulk";
import { DEMO_PASSWORD, DEMO_USERS } from "./demo";
import { mobilePhone, vietnameseName } from "./people";
import { createRng, hashUnit, intBetween, pick, type Rng } from "./random";
import { memo2 } from "./memo";
import { renewInCampaignWeeks, seasonalDate, simulatePayments, type SimulatedPayment } from "./timeline";

export type ScaleOptions = {
  enrollees: number;
  /** Years of contributions, ending with the year of `asOf` (5 → 2022–2026 in 2026). */
  years: number;
  /** Province codes; default all 34. */
  provinces?: string[];
  seed?: number;
  asOf?: IsoDate;
  /** Enrollees per INSERT (contributions follow in one INSERT per batch as well). */
  batchSize?: number;
  /** Password of the benchmark users (default: the demo password). */
  password?: string;
  /**
   * Who runs the transaction the load happens in: "own" — BEGIN/COMMIT on `conn` (a dedicated
   * connection); "caller" — `conn` is already a transaction (e.g. Prisma's $transaction). Either
   * way an interrupted run leaves nothing behind.
   */
  transaction: "own" | "caller";
  /**
   * Load with the row triggers off (SET LOCAL session_replication_role = replica: foreign-key
   * checks, the no-overlap check, the dashboard aggregate triggers), then check every foreign key
   * and the no-overlap rule with set-based queries and rebuild the dashboard aggregates before
   * COMMIT. Needs a superuser (PGlite always is); otherwise the triggers stay on (slower).
   */
  bulkChecks?: boolean;
  /**
   * Also drop the secondary indexes of Enrollee and Contribution inside the transaction and
   * recreate them with their exact definitions before COMMIT (a fresh database).
   */
  deferIndexes?: boolean;
  /**
   * With bulkChecks: leave the dashboard aggregates empty instead of running dashboard_rebuild()
   * (one session; about an hour at 3 million enrollees) — the caller then runs
   * scripts/perf/rebuild-aggregates-parallel.sh right after the COMMIT, before anyone uses the data.
   */
  aggregatesLater?: boolean;
  log?: (s: string) => void;
};

export type ScaleResult = {
  enrollees: number;
  contributions: number;
  agents: number;
  conferences: number;
  targets: number;
  users: string[];
  seconds: { setup: number; load: number; checks: number; indexes: number; aggregates: number; total: number };
};

export const SCALE_SEED = 42;

// ---------------------------------------------------------------- tables

const AGENT_COLUMNS = [
  ["id", "int4"],
  ["code", "text"],
  ["name", "text"],
  ["searchName", "text"],
  ["kind", '"AgentKind"'],
  ["provinceCode", "text"],
  ["areaCode", "text"],
  ["contractNo", "text"],
  ["contractStart", "date"],
  ["contractEnd", "date"],
  ["status", '"AgentStatus"'],
  ["phone", "text"],
  ["createdAt", "timestamp(3)"],
  ["updatedAt", "timestamp(3)"],
] as const;
const CONFERENCE_COLUMNS = [
  ["id", "int4"],
  ["heldOn", "date"],
  ["communeCode", "text"],
  ["areaCode", "text"],
  ["provinceCode", "text"],
  ["agentId", "int4"],
  ["title", "text"],
  ["attendees", "int4"],
  ["createdAt", "timestamp(3)"],
] as const;
const ENROLLEE_COLUMNS = [
  ["id", "int4"],
  ["personalId", "text", "bare"],
  ["siCode", "text", "bare"],
  ["fullName", "text"],
  ["searchName", "text"],
  ["dateOfBirth", "date"],
  ["sex", '"Sex"'],
  ["phone", "text", "bare"],
  ["provinceCode", "text", "bare"],
  ["areaCode", "text", "bare"],
  ["communeCode", "text", "bare"],
  ["address", "text"],
  ["occupation", '"OccupationGroup"'],
  ["subsidyGroup", '"SubsidyGroup"'],
  ["declaredIncome", "int4"],
  ["paymentPeriod", '"PaymentPeriod"'],
  ["agentId", "int4"],
  ["conferenceId", "int4"],
  ["enrolledOn", "date"],
  ["firstCoveredOn", "date"],
  ["coverageEnd", "date"],
  ["subsidyMonthsUsed", "int4"],
  ["createdAt", "timestamp(3)"],
  ["updatedAt", "timestamp(3)"],
] as const;
const CONTRIBUTION_COLUMNS = [
  ["id", "int4"],
  ["enrolleeId", "int4"],
  ["provinceCode", "text", "bare"],
  ["areaCode", "text", "bare"],
  ["communeCode", "text", "bare"],
  ["periodStart", "date"],
  ["periodEnd", "date"],
  ["months", "int4"],
  ["declaredIncome", "int4"],
  ["paymentPeriod", '"PaymentPeriod"'],
  ["gross", "int4"],
  ["centralSubsidy", "int4"],
  ["provincialTopUp", "int4"],
  ["net", "int4"],
  ["subsidyMonths", "int4"],
  ["method", '"PaymentMethod"'],
  ["receiptNo", "text", "bare"],
  ["paidOn", "date"],
  ["agentId", "int4"],
  ["createdAt", "timestamp(3)"],
] as const;
const TARGET_COLUMNS = [
  ["id", "int4"],
  ["year", "int4"],
  ["unitCode", "text"],
  ["agentId", "int4"],
  ["provinceCode", "text"],
  ["participants", "int4"],
  ["locked", "bool"],
  ["updatedAt", "timestamp(3)"],
] as const;

/** Tables the generator fills, children first (for --reset). */
export const SCALE_TABLES = ["Contribution", "Enrollee", "Target", "OutreachConference", "Collector", "AgentCommune", "CollectionAgent"] as const;

// ---------------------------------------------------------------- hot-path helpers
// Millions of calls: the pure date and text functions are memoised (their inputs repeat — month
// starts and ends, a few thousand days, a few thousand names), and weighted choices use
// precomputed cumulative weights. Same results as the originals.

const addDays = memo2(addDaysTo);
const searchForms = new Map<string, string>();
const toSearchForm = (s: string) => searchForms.get(s) ?? (searchForms.set(s, searchFormOf(s)), searchForms.get(s)!);

/** A picker with probability proportional to weight (one rng() draw, like random.ts's weighted). */
function picker<T extends string>(weights: Partial<Record<T, number>>): (rng: Rng) => T {
  const keys = Object.keys(weights) as T[];
  const cum: number[] = [];
  let total = 0;
  for (const k of keys) cum.push((total += weights[k] ?? 0));
  return (rng) => {
    const r = rng() * total;
    for (let i = 0; i < cum.length; i++) if (r < cum[i]) return keys[i];
    return keys[keys.length - 1];
  };
}
const pickMethod = picker<PaymentMethod>({ CASH: 50, POST_OFFICE: 25, BANK_TRANSFER: 15, E_WALLET: 10 });
const pickPeriod = picker<PaymentPeriod>({ MONTHLY: 28, QUARTERLY: 14, SEMIANNUAL: 14, ANNUAL: 40, ADVANCE: 4 });
const pickOccupation = picker<OccupationGroup>({ FARMER: 40, SELF_EMPLOYED: 25, INFORMAL_WORKER: 18, HOUSEHOLD_BUSINESS: 10, STUDENT: 2, OTHER: 5 });
const pickGroupHighMinority = picker<SubsidyGroup>({ OTHER: 74, NEAR_POOR: 8, POOR: 7, ETHNIC_MINORITY: 25 });
const pickGroup = picker<SubsidyGroup>({ OTHER: 74, NEAR_POOR: 8, POOR: 7, ETHNIC_MINORITY: 3 });

// ---------------------------------------------------------------- realism knobs

const LOCAL_AGENT_KINDS: AgentKind[] = ["WOMEN_UNION", "FARMERS_ASSOCIATION", "FATHERLAND_FRONT", "VETERANS", "YOUTH_UNION", "COOPERATIVE", "OTHER"];
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
/** Northern mountains, Central Highlands and the Mekong's Khmer provinces: a larger ethnic-minority share. */
const HIGH_MINORITY = new Set(["04", "08", "11", "12", "14", "15", "19", "20", "52", "66", "68", "82", "91", "92", "96"]);
/** Share of enrollees who joined before the first generated year (their earlier payments are not loaded: see paymentsInWindow). */
const EARLIER_COHORT = 0.3;
/** Share registered without any payment yet (status NEVER_PAID). */
const NEVER_PAID = 0.005;
const ID_SERIAL_STEP = 7919; // prime, coprime with 10^6 and 10^8: k ↦ k·7919 mod 10^n is a bijection

type Commune = { code: string; fullName: string; areaCode: string; provinceCode: string; communeKind: string | null };
type AgentRef = { id: number; status: string };

/** Everything that must be unique across the whole run. */
class Serials {
  private idPrefix = new Map<string, number>();
  private si = new Map<string, number>();
  personalId(birthProvince3: string, dob: IsoDate, sex: "MALE" | "FEMALE"): string {
    const year = yearOf(dob);
    const key = `${birthProvince3}${sex}${year}`;
    const k = this.idPrefix.get(key) ?? 0;
    if (k >= 1_000_000) throw new RangeError(`more than 10^6 people share the ID prefix ${key}`);
    this.idPrefix.set(key, k + 1);
    // distinct k give distinct serials (bijection mod 10^6), so IDs are unique and still look scattered
    return makePersonalId(birthProvince3, dob, sex, (k * ID_SERIAL_STEP + 104_729) % 1_000_000);
  }
  siCode(provinceCode: string): string {
    const k = this.si.get(provinceCode) ?? 0;
    this.si.set(provinceCode, k + 1);
    return provinceCode + String((k * ID_SERIAL_STEP + 13) % 100_000_000).padStart(8, "0");
  }
}

const OLD_PROVINCE_CODES = [...ID_PROVINCE_CODES];

// ---------------------------------------------------------------- main

/**
 * Generates the data set. `db` is used to read the reference data (hierarchy, labour force, policy
 * tables); `conn` receives the bulk writes (COPY when it offers copyFrom). The database must already be migrated with reference
 * data (setupDatabase) and must hold no enrollees (see resetScaleData).
 */
export async function generateScaleData(db: DbTx, conn: BulkConnection, opts: ScaleOptions): Promise<ScaleResult> {
  const t0 = Date.now();
  const log = opts.log ?? (() => {});
  const asOf = opts.asOf ?? todayInVietnam();
  const lastYear = yearOf(asOf);
  const firstYear = lastYear - opts.years + 1;
  const seed = opts.seed ?? SCALE_SEED;
  const batchSize = opts.batchSize ?? 5000;
  if (!Number.isInteger(opts.enrollees) || opts.enrollees < 0) throw new RangeError("enrollees must be a non-negative integer");
  if (!Number.isInteger(opts.years) || opts.years < 1 || opts.years > 20) throw new RangeError("years must be 1..20");

  const existing = await conn.query<{ n: string }>(`SELECT count(*)::text AS n FROM "Enrollee"`);
  if (Number(existing[0].n) > 0)
    throw new Error(`the database already has ${existing[0].n} enrollees: use a new database, or --reset to empty the generated tables first`);

  // ---- reference data
  const allProvinces = await db.unit.findMany({ where: { level: "PROVINCE" }, select: { code: true }, orderBy: { code: "asc" } });
  const provinces = opts.provinces?.length ? opts.provinces : allProvinces.map((p) => p.code);
  const unknown = provinces.filter((c) => !allProvinces.some((p) => p.code === c));
  if (unknown.length) throw new Error(`unknown province code(s): ${unknown.join(", ")}`);
  const communes = (await db.unit.findMany({
    where: { level: "COMMUNE", provinceCode: { in: provinces } },
    select: { code: true, fullName: true, areaCode: true, provinceCode: true, communeKind: true },
    orderBy: { code: "asc" },
  })) as Commune[];
  const lfRows = await db.labourForce.findMany({
    where: { unitCode: { in: communes.map((c) => c.code) }, year: { gte: firstYear, lte: lastYear } },
    select: { unitCode: true, year: true, persons: true },
  });
  const lf = new Map(lfRows.map((r) => [`${r.unitCode}:${r.year}`, r.persons]));
  const lfOf = (code: string, year: number) => lf.get(`${code}:${year}`) ?? lf.get(`${code}:${lastYear}`) ?? 0;
  const tables = await loadPolicyTables(db);
  // payments can only be simulated where the regulations are known
  const policyFrom = yearOf(tables.parameters.map((p) => p.effectiveFrom).sort()[0] ?? asOf);
  if (firstYear < policyFrom) throw new RangeError(`the policy tables start in ${policyFrom}: at most ${lastYear - policyFrom + 1} years`);
  const earlierFrom = Math.max(firstYear - 4, policyFrom);

  const start = async (table: string) => Number((await conn.query<{ n: string }>(`SELECT COALESCE(max(id), 0)::text AS n FROM "${table}"`))[0].n);
  const ids = {
    agent: await start("CollectionAgent"),
    collector: await start("Collector"),
    conference: await start("OutreachConference"),
    enrollee: await start("Enrollee"),
    contribution: await start("Contribution"),
    target: await start("Target"),
  };
  const setupSeconds = (Date.now() - t0) / 1000;

  const own = opts.transaction === "own";
  if (own) await conn.exec("BEGIN");
  const deferred: { name: string; def: string }[] = [];
  let triggersOff = false;
  try {
    await conn.exec("SET LOCAL synchronous_commit = off"); // one commit at the end; nothing to wait for before
    if (opts.bulkChecks) {
      const su = await conn.query<{ su: boolean }>(`SELECT rolsuper AS su FROM pg_roles WHERE rolname = current_user`);
      triggersOff = su[0]?.su === true;
      if (triggersOff) await conn.exec("SET LOCAL session_replication_role = replica");
      else log("Không phải superuser: giữ các trigger khi nạp (chậm hơn).");
    }
    if (opts.deferIndexes && triggersOff) {
      deferred.push(
        ...(await conn.query<{ name: string; def: string }>(
          `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
         WHERE i.schemaname = current_schema() AND i.tablename IN ('Enrollee', 'Contribution')
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
         ORDER BY i.tablename, i.indexname`,
        )),
      );
      for (const d of deferred) await conn.exec(`DROP INDEX "${d.name}"`);
      log(`Tạm bỏ ${deferred.length} chỉ mục phụ của Enrollee/Contribution trong giao dịch nạp (tạo lại y hệt trước COMMIT).`);
    }

    // ---- per-commune people counts: provinces exactly by labour force, communes by labour force × a stable local factor
    const byProvince = new Map<string, Commune[]>();
    for (const c of communes) {
      if (!byProvince.has(c.provinceCode)) byProvince.set(c.provinceCode, []);
      byProvince.get(c.provinceCode)!.push(c);
    }
    const provinceLf = provinces.map((p) => (byProvince.get(p) ?? []).reduce((s, c) => s + lfOf(c.code, lastYear), 0));
    const provinceCounts = largestRemainder(opts.enrollees, provinceLf);

    const serials = new Serials();
    const yearEnds = Array.from({ length: opts.years + 1 }, (_, i) => `${firstYear - 1 + i}-12-31`);
    const participantsAtYearEnd = new Map<string, number[]>(); // commune → [P(firstYear−1 end), …, P(lastYear end)]
    const agentsOfCommune = new Map<string, AgentRef[]>();
    const allAgents: { id: number; provinceCode: string }[] = [];
    let conferences = 0;

    const AGENT = new BulkTable("CollectionAgent", AGENT_COLUMNS);
    const AGENT_COMMUNE = new BulkTable("AgentCommune", [
      ["agentId", "int4"],
      ["communeCode", "text"],
    ]);
    const COLLECTOR = new BulkTable("Collector", [
      ["id", "int4"],
      ["agentId", "int4"],
      ["name", "text"],
      ["phone", "text"],
    ]);
    const CONFERENCE = new BulkTable("OutreachConference", CONFERENCE_COLUMNS);
    const enrollees = new BulkTable("Enrollee", ENROLLEE_COLUMNS);
    const contributions = new BulkTable("Contribution", CONTRIBUTION_COLUMNS);
    let inflight: Promise<unknown> = Promise.resolve();
    /** Waits for the previous batch, then starts writing this one (so generation overlaps the writes). */
    const pipe = async (...tablesToFlush: BulkTable[]) => {
      await inflight;
      const p = (async () => {
        for (const t of tablesToFlush) await t.flush(conn); // in order: parents before children
      })();
      p.catch(() => {}); // surfaced by the next await
      inflight = p;
    };

    const loadStart = Date.now();
    let lastLog = loadStart;
    const progress = (force = false) => {
      const now = Date.now();
      if (!force && now - lastLog < 5000) return;
      lastLog = now;
      const s = (now - loadStart) / 1000;
      const e = enrollees.written,
        c = contributions.written;
      log(
        `  ${fmt(e)}/${fmt(opts.enrollees)} người tham gia (${Math.round((100 * e) / Math.max(1, opts.enrollees))}%), ${fmt(c)} khoản đóng — ${fmt(e / s)} người/s, ${fmt((e + c) / s)} dòng/s, ${s.toFixed(0)} s`,
      );
    };

    for (const [pi, provinceCode] of provinces.entries()) {
      const rng = createRng(seed * 100 + Number(provinceCode));
      const inProvince = byProvince.get(provinceCode) ?? [];
      const policyOn = memoPolicy(tables, provinceCode);

      // -- agents: a post office per area serving all its communes + 1–2 local organisations per commune
      const areas = [...new Set(inProvince.map((c) => c.areaCode))].sort();
      let agentSeq = 0;
      const addAgent = (kind: AgentKind, name: string, areaCode: string, served: Commune[], contractStart: IsoDate, ended: boolean, suspended: boolean) => {
        const id = ++ids.agent;
        const code = `DL${provinceCode}${String(++agentSeq).padStart(5, "0")}`;
        const contractEnd = ended ? addDays(asOf, -intBetween(rng, 30, 300)) : null;
        AGENT.push(
          id,
          code,
          name,
          toSearchForm(name),
          kind,
          provinceCode,
          areaCode,
          `HĐ-${code}`,
          contractStart,
          contractEnd,
          ended ? "ENDED" : suspended ? "SUSPENDED" : "ACTIVE",
          mobilePhone(rng),
          contractStart,
          contractStart,
        );
        for (const c of served) {
          AGENT_COMMUNE.push(id, c.code);
          if (!agentsOfCommune.has(c.code)) agentsOfCommune.set(c.code, []);
          agentsOfCommune.get(c.code)!.push({ id, status: ended ? "ENDED" : "ACTIVE" });
        }
        for (let k = intBetween(rng, 1, 3); k > 0; k--) {
          const sex = rng() < 0.6 ? "FEMALE" : "MALE";
          COLLECTOR.push(++ids.collector, id, vietnameseName(rng, sex), mobilePhone(rng));
        }
        allAgents.push({ id, provinceCode });
        return id;
      };
      for (const area of areas) {
        const inArea = inProvince.filter((c) => c.areaCode === area);
        addAgent("POST_OFFICE", `Bưu điện ${inArea[0].fullName.replace(/^(Xã|Phường|Đặc khu) /, "")}`, area, inArea, `${firstYear - 4}-01-01`, false, false);
        for (const c of inArea) {
          for (let i = 0, n = intBetween(rng, 1, 2); i < n; i++) {
            const kind = i === 0 ? "COMMUNE_COMMITTEE" : pick(rng, LOCAL_AGENT_KINDS);
            const ended = rng() < 0.05;
            addAgent(
              kind,
              `${AGENT_KIND_NAME[kind]} ${c.fullName}`,
              area,
              [c],
              `${intBetween(rng, firstYear - 3, lastYear - 1)}-01-01`,
              ended,
              !ended && rng() < 0.03,
            );
          }
        }
      }
      // -- outreach conferences in the campaign months (May, November) of each area
      const conferencesOf = new Map<string, { id: number; heldOn: IsoDate }[]>();
      for (const area of areas) {
        const inArea = inProvince.filter((c) => c.areaCode === area);
        for (let year = firstYear; year <= lastYear; year++) {
          for (const month of ["05", "11"]) {
            const heldOn = `${year}-${month}-${String(intBetween(rng, 5, 25)).padStart(2, "0")}`;
            if (heldOn > asOf) continue;
            const c = pick(rng, inArea);
            const id = ++ids.conference;
            CONFERENCE.push(
              id,
              heldOn,
              c.code,
              area,
              provinceCode,
              pick(rng, agentsOfCommune.get(c.code)!).id,
              `Hội nghị tuyên truyền BHXH tự nguyện ${c.fullName}`,
              intBetween(rng, 40, 180),
              heldOn,
            );
            conferencesOf.set(c.code, [...(conferencesOf.get(c.code) ?? []), { id, heldOn }]);
            conferences++;
          }
        }
      }
      await pipe(AGENT, AGENT_COMMUNE, COLLECTOR, CONFERENCE);

      // -- enrollees, commune by commune
      const weights = inProvince.map((c) => Math.round(lfOf(c.code, lastYear) * (0.5 + hashUnit(`scale:${c.code}`))));
      const perCommune = largestRemainder(provinceCounts[pi], weights);
      for (const [ci, c] of inProvince.entries()) {
        const counters = new Array<number>(yearEnds.length).fill(0);
        participantsAtYearEnd.set(c.code, counters);
        const agents = agentsOfCommune.get(c.code)!;
        const here = conferencesOf.get(c.code) ?? [];
        for (let i = 0; i < perCommune[ci]; i++) {
          const person = makePerson(rng, serials, c, asOf, firstYear, earlierFrom, agents, here);
          const payments = person.neverPaid ? [] : paymentsInWindow(rng, person, asOf, firstYear, policyOn);
          const id = ++ids.enrollee;
          const e = person.enrollee;
          const first = payments[0];
          const last = payments[payments.length - 1];
          enrollees.push(
            id,
            e.personalId,
            e.siCode,
            e.fullName,
            e.searchName,
            e.dateOfBirth,
            e.sex,
            e.phone,
            provinceCode,
            c.areaCode,
            c.code,
            e.address,
            e.occupation,
            e.subsidyGroup,
            e.declaredIncome,
            e.paymentPeriod,
            e.agentId,
            e.conferenceId,
            person.plan.enrolledOn,
            first?.periodStart ?? null,
            last?.periodEnd ?? null,
            payments.reduce((s, p) => s + p.subsidyMonths, 0),
            person.plan.enrolledOn,
            last?.paidOn ?? person.plan.enrolledOn,
          );
          for (const p of payments) {
            const cid = ++ids.contribution;
            const method = pickMethod(rng);
            contributions.push(
              cid,
              id,
              provinceCode,
              c.areaCode,
              c.code,
              p.periodStart,
              p.periodEnd,
              p.months,
              p.declaredIncome,
              p.period,
              p.gross,
              p.centralSubsidy,
              p.provincialTopUp,
              p.net,
              p.subsidyMonths,
              method,
              `BL${p.paidOn.slice(0, 4)}-${cid}`,
              p.paidOn,
              e.agentId,
              p.paidOn,
            );
            for (let y = 0; y < yearEnds.length; y++) if (p.periodStart <= yearEnds[y] && p.periodEnd >= yearEnds[y]) counters[y]++;
          }
          if (enrollees.rows >= batchSize) {
            await pipe(enrollees, contributions);
            progress();
          }
        }
      }
    }
    await pipe(enrollees, contributions);
    await inflight;
    progress(true);
    const loadSeconds = (Date.now() - loadStart) / 1000;

    // ---- targets for every year, cascaded province → areas → communes → agents
    const targets = buildTargets(
      communes,
      provinces,
      agentsOfCommune,
      participantsAtYearEnd,
      lfOf,
      firstYear,
      lastYear,
      opts.provinces === undefined || opts.provinces.length === 0,
      ids,
    );
    await targets.flush(conn);

    // ---- benchmark users (the demo logins, so the README's logins work on this data too)
    const users = await seedUsers(conn, opts.password ?? DEMO_PASSWORD);

    // ---- what the triggers would have checked, in bulk; indexes back; aggregates rebuilt
    let checkSeconds = 0,
      indexSeconds = 0,
      aggregateSeconds = 0;
    if (triggersOff) {
      const tc = Date.now();
      await checkIntegrity(conn, ["Enrollee", "Contribution", "CollectionAgent", "AgentCommune", "Collector", "OutreachConference", "Target", "User"]);
      checkSeconds = (Date.now() - tc) / 1000;
      log(`Đã kiểm tra khoá ngoại và không chồng kỳ đóng: ${checkSeconds.toFixed(1)} s.`);
      const ti = Date.now();
      if (deferred.length) {
        await conn.exec("SET LOCAL maintenance_work_mem = '512MB'");
        for (const d of deferred) {
          const t = Date.now();
          await conn.exec(d.def);
          log(`  chỉ mục ${d.name}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
        }
      }
      indexSeconds = (Date.now() - ti) / 1000;
      await conn.exec("SET LOCAL session_replication_role = origin");
      // the name words the statement trigger would have added (ADR 1802)
      await conn.exec(
        `INSERT INTO "NameWord" ("word") SELECT DISTINCT w FROM "Enrollee" e, unnest(string_to_array(e."searchName", ' ')) AS w WHERE w <> '' ON CONFLICT DO NOTHING`,
      );
      for (const table of ["Enrollee", "Contribution"]) await conn.exec(`ANALYZE "${table}"`);
      const ta = Date.now();
      if (opts.aggregatesLater) log("Bảng tổng hợp để trống: chạy scripts/perf/rebuild-aggregates-parallel.sh ngay sau khi xong.");
      else if (await rebuildDashboardAggregates(conn)) log(`Đã tính lại bảng tổng hợp của bảng điều khiển: ${((Date.now() - ta) / 1000).toFixed(1)} s.`);
      aggregateSeconds = (Date.now() - ta) / 1000;
    }
    for (const table of ["CollectionAgent", "Collector", "OutreachConference", "Enrollee", "Contribution", "Target"]) {
      await conn.query(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), GREATEST((SELECT COALESCE(max(id), 0) FROM "${table}"), 1))`);
    }
    if (own) await conn.exec("COMMIT");
    for (const table of ["Enrollee", "Contribution", "CollectionAgent", "AgentCommune", "Target", "OutreachConference"]) await conn.exec(`ANALYZE "${table}"`);

    return {
      enrollees: enrollees.written,
      contributions: contributions.written,
      agents: allAgents.length,
      conferences,
      targets: targets.written,
      users,
      seconds: {
        setup: setupSeconds,
        load: loadSeconds,
        checks: checkSeconds,
        indexes: indexSeconds,
        aggregates: aggregateSeconds,
        total: (Date.now() - t0) / 1000,
      },
    };
  } catch (e) {
    if (own) await conn.exec("ROLLBACK").catch(() => {});
    throw e;
  }
}

/**
 * Every foreign key of `tables` and the no-overlap rule of contributions, checked with one
 * set-based query each (the triggers were off during the load). Throws on the first violation,
 * which rolls the whole load back.
 */
export async function checkIntegrity(conn: SqlConnection, tables: string[]): Promise<void> {
  const fks = await conn.query<{ name: string; child: string; parent: string; ccols: string[]; pcols: string[] }>(
    `SELECT con.conname::text AS name, ch.relname::text AS child, pa.relname::text AS parent,
       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i) AS ccols,
       ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i) AS pcols
     FROM pg_constraint con JOIN pg_class ch ON ch.oid = con.conrelid JOIN pg_class pa ON pa.oid = con.confrelid
     WHERE con.contype = 'f' AND ch.relname = ANY($1::text[]) ORDER BY 1`,
    [`{${tables.join(",")}}`],
  );
  for (const fk of fks) {
    const notNull = fk.ccols.map((c) => `c."${c}" IS NOT NULL`).join(" AND ");
    const match = fk.ccols.map((c, i) => `p."${fk.pcols[i]}" = c."${c}"`).join(" AND ");
    const r = await conn.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM "${fk.child}" c WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM "${fk.parent}" p WHERE ${match})`,
    );
    if (Number(r[0].n) > 0) throw new Error(`foreign key ${fk.name}: ${r[0].n} rows of ${fk.child} point to no ${fk.parent}`);
  }
  const overlap = await conn.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM (
       SELECT "periodStart", "periodEnd", lag("periodEnd") OVER (PARTITION BY "enrolleeId" ORDER BY "periodStart", id) AS prev FROM "Contribution"
     ) x WHERE x."periodEnd" < x."periodStart" OR x.prev >= x."periodStart"`,
  );
  if (Number(overlap[0].n) > 0) throw new Error(`${overlap[0].n} contributions overlap another of the same enrollee`);
}

/** The dashboard's aggregate tables (ADR 0501) recomputed from "Contribution", when the database has them. */
async function rebuildDashboardAggregates(conn: SqlConnection): Promise<boolean> {
  const fn = await conn.query<{ f: string | null }>(`SELECT to_regproc('dashboard_rebuild')::text AS f`);
  if (!fn[0]?.f) return false;
  await conn.query(`SELECT 1 AS ok FROM (SELECT "dashboard_rebuild"()) x`);
  return true;
}

/**
 * A SqlConnection over a Prisma client or transaction, for the embedded engine (one PGlite per
 * folder and process, so the generator must share Prisma's) and for tests. Pass a transaction
 * (`$transaction(async (tx) => …)`) when statements must share a session.
 */
export function sqlFromPrisma(db: Pick<PrismaClient, "$queryRawUnsafe" | "$executeRawUnsafe">): SqlConnection {
  return {
    exec: async (sql) => void (await db.$executeRawUnsafe(sql)),
    query: <T>(sql: string, params: unknown[] = []) => db.$queryRawUnsafe<T[]>(sql, ...params),
    close: async () => {},
  };
}

/** Empties the tables the generator fills (users, reference data and audit log are kept). */
export async function resetScaleData(conn: SqlConnection): Promise<void> {
  await conn.exec(`TRUNCATE ${SCALE_TABLES.map((t) => `"${t}"`).join(", ")} RESTART IDENTITY`);
}

// ---------------------------------------------------------------- people

type Person = {
  enrollee: {
    personalId: string;
    siCode: string | null;
    fullName: string;
    searchName: string;
    dateOfBirth: IsoDate;
    sex: "MALE" | "FEMALE";
    phone: string | null;
    address: string;
    occupation: OccupationGroup;
    subsidyGroup: SubsidyGroup;
    declaredIncome: number;
    paymentPeriod: PaymentPeriod;
    agentId: number;
    conferenceId: number | null;
  };
  plan: { enrolledOn: IsoDate; period: PaymentPeriod; declaredIncome: number; subsidyGroup: SubsidyGroup; loyalty: number };
  earlier: boolean;
  neverPaid: boolean;
};

function makePerson(
  rng: Rng,
  serials: Serials,
  c: Commune,
  asOf: IsoDate,
  firstYear: number,
  earlierFrom: number,
  agents: AgentRef[],
  conferences: { id: number; heldOn: IsoDate }[],
): Person {
  const sex = rng() < 0.56 ? "FEMALE" : "MALE";
  const dob = `${intBetween(rng, 1962, 2008)}-${String(intBetween(rng, 1, 12)).padStart(2, "0")}-${String(intBetween(rng, 1, 28)).padStart(2, "0")}`;
  const fullName = vietnameseName(rng, sex);
  const earlier = earlierFrom < firstYear && rng() < EARLIER_COHORT;
  const conf = !earlier && conferences.length && rng() < 0.15 ? pick(rng, conferences) : null;
  let enrolledOn = conf ? conf.heldOn : earlier ? seasonalDate(rng, earlierFrom, `${firstYear - 1}-12-31`) : seasonalDate(rng, firstYear, asOf);
  if (enrolledOn < addDays(dob, 15 * 366)) enrolledOn = addDays(dob, 15 * 366 + 30); // eligible from 15
  if (enrolledOn > asOf) enrolledOn = asOf;
  const subsidyGroup: SubsidyGroup =
    c.communeKind === "DAC_KHU" && rng() < 0.7 ? "ISLAND" : HIGH_MINORITY.has(c.provinceCode) ? pickGroupHighMinority(rng) : pickGroup(rng);
  const period = pickPeriod(rng);
  const income = rng() < 0.6 ? 1_500_000 : 1_500_000 + 100_000 * intBetween(rng, 1, 30);
  // most were born in the province they live in
  const birthProvince = rng() < 0.85 ? `0${c.provinceCode}` : pick(rng, OLD_PROVINCE_CODES);
  const active = agents.filter((a) => a.status === "ACTIVE");
  return {
    enrollee: {
      personalId: serials.personalId(birthProvince, dob, sex),
      siCode: rng() < 0.4 ? serials.siCode(c.provinceCode) : null,
      fullName,
      searchName: toSearchForm(fullName),
      dateOfBirth: dob,
      sex,
      phone: rng() < 0.9 ? mobilePhone(rng) : null,
      address: `${c.communeKind === "PHUONG" ? "Tổ" : "Thôn"} ${intBetween(rng, 1, 15)}, ${c.fullName}`,
      occupation: pickOccupation(rng),
      subsidyGroup,
      declaredIncome: income,
      paymentPeriod: period,
      agentId: pick(rng, active.length ? active : agents).id,
      conferenceId: conf?.id ?? null,
    },
    plan: { enrolledOn, period, declaredIncome: income, subsidyGroup, loyalty: 0.82 + rng() * 0.15 },
    earlier,
    neverPaid: rng() < NEVER_PAID,
  };
}

/**
 * The person's payments up to `asOf`. People of the earlier cohort registered years before the
 * generated window; their older history is not loaded: their first loaded payment falls in the
 * year before the window, so they are participants when it opens (amounts and subsidy months are
 * computed from there, so every loaded row is exactly what the calculator gives).
 */
function paymentsInWindow(rng: Rng, person: Person, asOf: IsoDate, firstYear: number, policyOn: (d: IsoDate) => PolicySnapshot): SimulatedPayment[] {
  let plan = person.plan;
  if (person.earlier) {
    const first = seasonalDate(rng, firstYear - 1, `${firstYear - 1}-12-31`);
    plan = { ...plan, enrolledOn: first > plan.enrolledOn ? first : plan.enrolledOn }; // never paid before registering
  }
  return simulatePayments(rng, plan, asOf, policyOn, renewInCampaignWeeks);
}

/** policyAt is a scan of small tables; a person's payments ask for the same dates again and again. */
function memoPolicy(tables: PolicyTables, provinceCode: string): (d: IsoDate) => PolicySnapshot {
  const cache = new Map<IsoDate, PolicySnapshot>();
  return (d) => {
    let s = cache.get(d);
    if (!s) cache.set(d, (s = policyAt(tables, d, provinceCode)));
    return s;
  };
}

// ---------------------------------------------------------------- targets and users

function buildTargets(
  communes: Commune[],
  provinces: string[],
  agentsOfCommune: Map<string, AgentRef[]>,
  atYearEnd: Map<string, number[]>,
  lfOf: (code: string, year: number) => number,
  firstYear: number,
  lastYear: number,
  national: boolean,
  ids: { target: number },
): BulkTable {
  const out = new BulkTable("Target", TARGET_COLUMNS);
  const now = toIsoDate(new Date());
  for (let year = firstYear; year <= lastYear; year++) {
    const y = year - firstYear + 1; // index of year's end in atYearEnd (0 = end of the year before)
    const locked = year < lastYear;
    let nationTotal = 0;
    for (const provinceCode of provinces) {
      const inProvince = communes.filter((c) => c.provinceCode === provinceCode);
      const sum = (cs: Commune[], k: number) => cs.reduce((s, c) => s + (atYearEnd.get(c.code)?.[k] ?? 0), 0);
      // plans grow on last year's result (+15%), as provinces set them; with no history, on this year's
      const base = sum(inProvince, y - 1) || sum(inProvince, y);
      const total = Math.max(50, Math.round((base * 1.15) / 10) * 10);
      nationTotal += total;
      out.push(++ids.target, year, provinceCode, null, provinceCode, total, locked, now);
      const areas = [...new Set(inProvince.map((c) => c.areaCode))].sort();
      const byArea = allocate(
        total,
        areas.map((a) => ({ code: a, labourForce: inProvince.filter((c) => c.areaCode === a).reduce((s, c) => s + lfOf(c.code, year), 0) })),
      );
      const agentTargets = new Map<number, number>();
      for (const a of areas) {
        out.push(++ids.target, year, a, null, provinceCode, byArea[a], locked, now);
        const inArea = inProvince.filter((c) => c.areaCode === a);
        const byCommune = allocate(
          byArea[a],
          inArea.map((c) => ({ code: c.code, labourForce: lfOf(c.code, year) })),
        );
        for (const c of inArea) {
          out.push(++ids.target, year, c.code, null, provinceCode, byCommune[c.code], locked, now);
          const serving = agentsOfCommune.get(c.code)!;
          const live = serving.filter((s) => s.status !== "ENDED");
          const agents = live.length ? live : serving;
          const byAgent = allocate(
            byCommune[c.code],
            agents.map((s) => ({ code: String(s.id), labourForce: 1 })),
          );
          for (const s of agents) agentTargets.set(s.id, (agentTargets.get(s.id) ?? 0) + byAgent[String(s.id)]);
        }
      }
      for (const [agentId, n] of agentTargets) out.push(++ids.target, year, null, agentId, provinceCode, n, locked, now);
    }
    if (national) out.push(++ids.target, year, "VN", null, null, nationTotal, locked, now);
  }
  return out;
}

async function seedUsers(conn: SqlConnection, password: string): Promise<string[]> {
  const hash = await hashPassword(password);
  const users = new BulkTable("User", [
    ["login", "text"],
    ["name", "text"],
    ["passwordHash", "text"],
    ["role", '"Role"'],
    ["unitCode", "text"],
    ["updatedAt", "timestamp(3)"],
  ]);
  const existing = new Set((await conn.query<{ login: string }>(`SELECT login FROM "User"`)).map((u) => u.login));
  const now = new Date().toISOString();
  for (const u of DEMO_USERS) if (!existing.has(u.login)) users.push(u.login, u.name, hash, u.role, u.unitCode, now);
  await users.flush(conn);
  return DEMO_USERS.map((u) => u.login);
}

function allocate(total: number, children: { code: string; labourForce: number }[]): Record<string, number> {
  const r = allocateTarget({ total, method: "LABOUR_FORCE", children: children.map((c) => ({ ...c, participants: 0, lastYearParticipants: 0 })) });
  if (!r.ok) throw new Error(r.error.message.en);
  return r.allocations;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

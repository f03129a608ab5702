// Enrollees (người tham gia): registration, search, detail, edit. Every read takes the caller's scope;
// every write checks enrollee.write, stays inside the scope, runs in one transaction (or the caller's,
// see inTransaction) and writes an audit entry. Validation is lib/validation/enrollee.ts; business-rule
// failures come back as a ZodError with field paths, like validation failures.
import { DEFAULT_NATIONALITY } from "@/lib/domain/ethnicities";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { coverageStatus, statusBounds, type CoverageStatus } from "@/lib/domain/coverage-status";
import { fromIsoDate, toIsoDate, todayInVietnam, type IsoDate } from "@/lib/domain/dates";
import { normalizePersonalId } from "@/lib/domain/personal-id";
import { maskPersonalId, maskPersonalIdsIn } from "@/lib/domain/personal-id-mask";
import { MissingPolicyError } from "@/lib/domain/policy";
import type { PolicySnapshot } from "@/lib/domain/contribution";
import { toSearchForm } from "@/lib/domain/text";
import type { PaymentPeriod, SubsidyGroup } from "@/lib/domain/types";
import { fill, messages } from "@/lib/i18n/messages";
import {
  PERSON_FIELDS,
  contributionIssues,
  parseDateInput,
  schemasFor,
  type EnrolleeUpdateData,
  type Occupation,
  type RegistrationData,
} from "@/lib/validation/enrollee";
import { ENROLLEE_PAGE_SIZE, SEARCH_MATCH_CAP, type EnrolleeFilter } from "@/lib/validation/enrollee-filter";
import type { DbTx } from "../db/client";
import {
  AuthError,
  assertCan,
  assertFieldRead,
  assertFieldWrite,
  communeOpenTo,
  enrolleeVisibleTo,
  fieldEnrolleeCondition,
  ownArea,
  scopeWhere,
  unitInScope,
  type Principal,
  ownProvince,
  provinceFor,
  isNational,
} from "../auth/authz";
import { writeAudit } from "../trust/audit";
import { getPolicySnapshot } from "../reference/policy";
import { oldCommune, oldCommuneResolver } from "../reference/old-units";
import { isAgentSelectableFor, selectableAgentWhere } from "../agents/agents";
import { contributionsOf, lockEnrollee, recordPaymentLocked, type ContributionRow, type PaymentRecord } from "./contributions";
import { auditElsewhere, mayAnswerElsewhere } from "./id-checks";
import { fieldIssue, validationError, type Issue } from "./errors";
import { inTransaction, isUniqueViolation } from "../db/helpers";

type Db = PrismaClient | DbTx;

const oldCommuneLabel = (code: string) => {
  const o = oldCommune(code);
  return o ? `${o.fullName}, ${o.districtName}` : null;
};
type Opts = { today?: IsoDate };

const textOf = (p: Principal) => messages[p.locale].enrollment.v;
const communeAsUnit = (e: { communeCode: string; provinceCode: string; areaCode: string }) => ({
  code: e.communeCode,
  level: "COMMUNE",
  provinceCode: e.provinceCode,
  areaCode: e.areaCode,
});

// ------------------------------------------------------------------ lookups by ID number

export type EnrolleeSummary = {
  id: number;
  personalId: string;
  siCode: string | null;
  fullName: string;
  dateOfBirth: IsoDate;
  sex: "MALE" | "FEMALE";
  phone: string | null;
  provinceCode: string;
  areaCode: string;
  communeCode: string;
  agentId: number | null;
  subsidyGroup: SubsidyGroup;
  declaredIncome: number;
  paymentPeriod: PaymentPeriod;
  enrolledOn: IsoDate;
  firstCoveredOn: IsoDate | null;
  coverageEnd: IsoDate | null;
  subsidyMonthsUsed: number;
  version: number;
  status: CoverageStatus;
};

const summarySelect = {
  id: true,
  personalId: true,
  siCode: true,
  fullName: true,
  dateOfBirth: true,
  sex: true,
  phone: true,
  provinceCode: true,
  areaCode: true,
  communeCode: true,
  agentId: true,
  subsidyGroup: true,
  declaredIncome: true,
  paymentPeriod: true,
  enrolledOn: true,
  firstCoveredOn: true,
  coverageEnd: true,
  subsidyMonthsUsed: true,
  version: true,
} as const satisfies Prisma.EnrolleeSelect;

type SummaryRow = Prisma.EnrolleeGetPayload<{ select: typeof summarySelect }>;

function toSummary(e: SummaryRow, today: IsoDate): EnrolleeSummary {
  const coverageEnd = e.coverageEnd ? toIsoDate(e.coverageEnd) : null;
  return {
    ...e,
    dateOfBirth: toIsoDate(e.dateOfBirth),
    enrolledOn: toIsoDate(e.enrolledOn),
    firstCoveredOn: e.firstCoveredOn ? toIsoDate(e.firstCoveredOn) : null,
    coverageEnd,
    status: coverageStatus(coverageEnd, today),
  };
}

/** Where an ID number stands for this caller: registered in their scope, registered elsewhere (no details), or free. */
export async function lookupPersonalId(
  db: Db,
  p: Principal,
  personalId: string,
  o: Opts = {},
): Promise<{ kind: "in-scope"; enrollee: EnrolleeSummary } | { kind: "elsewhere" } | { kind: "none" }> {
  assertCan(p, "enrollee.read");
  const id = normalizePersonalId(personalId);
  if (!/^\d{12}$/.test(id)) return { kind: "none" };
  const e = await db.enrollee.findUnique({ where: { personalId: id }, select: summarySelect });
  if (!e) return { kind: "none" };
  if (!unitInScope(p.scope, communeAsUnit(e))) return { kind: "elsewhere" };
  return { kind: "in-scope", enrollee: toSummary(e, o.today ?? todayInVietnam()) };
}

/** The enrollee with this ID number if it lies in the caller's scope, else null (outside the scope reveals nothing). */
export async function findEnrolleeByPersonalId(db: Db, p: Principal, personalId: string, o: Opts = {}): Promise<EnrolleeSummary | null> {
  const r = await lookupPersonalId(db, p, personalId, o);
  return r.kind === "in-scope" ? r.enrollee : null;
}

// ------------------------------------------------------------------ checks shared by register and edit

type PersonChecks = {
  personalId: string;
  siCode?: string;
  fullName: string;
  dateOfBirth: IsoDate;
  communeCode: string;
  agentId?: number | null;
  conferenceId?: number;
};

/** The commune must be in scope; the agent must serve it and be under contract today; the conference must be held there. */
async function checkPlacement(
  tx: DbTx,
  p: Principal,
  v: PersonChecks,
  today: IsoDate,
  unchanged?: { agentId: number | null; communeCode: string; conferenceId: number | null },
) {
  const m = textOf(p);
  const issues: Issue[] = [];
  const commune = await tx.unit.findUnique({ where: { code: v.communeCode }, select: { code: true, level: true, provinceCode: true, areaCode: true } });
  // the caller's communes: its scope's, or for a collector the ones its agent serves (authz.ts)
  if (!commune || !communeOpenTo(p, commune)) {
    issues.push(fieldIssue("communeCode", m.communeOutOfScope, { code: "OUT_OF_SCOPE" }));
    return { issues, commune: null };
  }
  const sameAgent = unchanged && unchanged.agentId === (v.agentId ?? null) && unchanged.communeCode === v.communeCode;
  if (v.agentId != null && !sameAgent && !(await isAgentSelectableFor(tx, v.agentId, v.communeCode, today))) {
    issues.push(fieldIssue("agentId", m.agentNotServing));
  }
  const sameConference = unchanged && unchanged.conferenceId === (v.conferenceId ?? null) && unchanged.communeCode === v.communeCode;
  if (v.conferenceId !== undefined && !sameConference) {
    const c = await tx.outreachConference.findUnique({ where: { id: v.conferenceId }, select: { communeCode: true } });
    if (!c || c.communeCode !== v.communeCode) issues.push(fieldIssue("conferenceId", m.conferenceNotInCommune));
  }
  return { issues, commune: commune as { code: string; provinceCode: string; areaCode: string } };
}

type ElsewhereAnswer = { personalId: string; limited: boolean };

/** Audits the "registered elsewhere" answers of a refused write, after its transaction. */
async function withElsewhereAudit<T>(db: Db, p: Principal, run: (elsewhere: ElsewhereAnswer[]) => Promise<T>): Promise<T> {
  const elsewhere: ElsewhereAnswer[] = [];
  try {
    return await run(elsewhere);
  } finally {
    for (const a of elsewhere) await auditElsewhere(db, p, a.personalId, a.limited);
  }
}

/** The ID number and SI code are unique among enrollees; the error names the existing one only inside the scope. */
async function checkUnique(
  tx: DbTx,
  p: Principal,
  v: { personalId: string; siCode?: string },
  exceptId: number | undefined,
  elsewhere: ElsewhereAnswer[],
): Promise<Issue[]> {
  const m = textOf(p);
  const issues: Issue[] = [];
  const byId = await tx.enrollee.findUnique({
    where: { personalId: v.personalId },
    select: { id: true, fullName: true, communeCode: true, provinceCode: true, areaCode: true, agentId: true },
  });
  if (byId && byId.id !== exceptId) {
    // named only to a caller who may see that person (a collector: its agent's people)
    if (enrolleeVisibleTo(p, byId)) {
      issues.push(fieldIssue("personalId", `${m.duplicatePersonalId}: ${byId.fullName} (#${byId.id})`, { code: "DUPLICATE_PERSONAL_ID", existingId: byId.id }));
    } else {
      // outside the scope: rate-limited and audited (id-checks.ts)
      const allowed = await mayAnswerElsewhere(tx, p);
      elsewhere.push({ personalId: v.personalId, limited: !allowed });
      issues.push(
        allowed
          ? fieldIssue("personalId", m.duplicatePersonalIdElsewhere, { code: "DUPLICATE_PERSONAL_ID" })
          : fieldIssue("personalId", m.tooManyIdChecks, { code: "RATE_LIMITED" }),
      );
    }
  }
  if (v.siCode) {
    const bySi = await tx.enrollee.findUnique({
      where: { siCode: v.siCode },
      select: { id: true, provinceCode: true, areaCode: true, communeCode: true, agentId: true },
    });
    if (bySi && bySi.id !== exceptId) {
      issues.push(
        fieldIssue(
          "siCode",
          m.duplicateSiCode,
          enrolleeVisibleTo(p, bySi) ? { code: "DUPLICATE_SI_CODE", existingId: bySi.id } : { code: "DUPLICATE_SI_CODE" },
        ),
      );
    }
  }
  return issues;
}

/** Same name (diacritics-free) and date of birth in the province: a warning the user must confirm. Uses the (provinceCode, dateOfBirth, searchName) index. */
async function possibleDuplicates(tx: DbTx, p: Principal, provinceCode: string, fullName: string, dateOfBirth: IsoDate, exceptId?: number) {
  const rows = await tx.enrollee.findMany({
    where: { provinceCode, dateOfBirth: fromIsoDate(dateOfBirth), searchName: toSearchForm(fullName), ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true, provinceCode: true, areaCode: true, communeCode: true, agentId: true },
    take: 10,
  });
  return rows.map((r) => ({ id: enrolleeVisibleTo(p, r) ? r.id : null }));
}

async function policyOrIssue(tx: DbTx, p: Principal, date: IsoDate, provinceCode: string, path: string[]): Promise<PolicySnapshot | Issue> {
  try {
    return await getPolicySnapshot(tx, date, provinceCode);
  } catch (e) {
    if (e instanceof MissingPolicyError) return fieldIssue(path, fill(textOf(p).policyMissing, { date }));
    throw e;
  }
}

/**
 * The policy for the schema's own income check, so one parse reports every problem at once. The province is
 * the caller's (or, for a national caller, the commune's); the server re-checks with the commune's province.
 */
export async function policyForInput(db: Db, p: Principal, date: IsoDate, communeCode: unknown): Promise<PolicySnapshot | null> {
  let province = ownProvince(p.scope);
  if (!province && typeof communeCode === "string" && /^\d{5}$/.test(communeCode.trim())) {
    province = (await db.unit.findUnique({ where: { code: communeCode.trim() }, select: { provinceCode: true } }))?.provinceCode ?? null;
  }
  if (!province) return null;
  try {
    return await getPolicySnapshot(db, date, province);
  } catch (e) {
    if (e instanceof MissingPolicyError) return null;
    throw e;
  }
}

function rethrowUnique(e: unknown, p: Principal): never {
  const m = textOf(p);
  if (isUniqueViolation(e, "personalId")) throw validationError([fieldIssue("personalId", m.duplicatePersonalId, { code: "DUPLICATE_PERSONAL_ID" })]);
  if (isUniqueViolation(e, "siCode")) throw validationError([fieldIssue("siCode", m.duplicateSiCode, { code: "DUPLICATE_SI_CODE" })]);
  throw e;
}

// ------------------------------------------------------------------ register

export type RegisterResult = { id: number; enrollee: EnrolleeSummary; payment: PaymentRecord | null };

/**
 * Registers a person (registrationSchema) and, when given, records the first payment — in one
 * transaction with its audit entries. Throws a ZodError with field paths when anything is wrong
 * (all problems at once where possible), including a taken ID number (`params.existingId` when the
 * existing enrollee is in scope) and, unless `confirmDuplicate`, a same-name-and-birthday warning
 * on the path "confirmDuplicate".
 */
/**
 * A registration that gives `oldCommuneCode` (a record from before the 1 July 2025 reform): today's
 * commune resolved from it (lib/server/reference/old-units.ts) — or, with a `communeCode` too, checked
 * against it — else a validation error on `oldCommuneCode` naming the candidates. Never a guess.
 */
async function withOldCommuneCode(db: Db, p: Principal, input: unknown): Promise<unknown> {
  const raw = (input ?? {}) as { oldCommuneCode?: unknown; communeCode?: unknown };
  if (raw.oldCommuneCode === undefined || raw.oldCommuneCode === null || raw.oldCommuneCode === "") return input;
  if (typeof raw.oldCommuneCode !== "string" || !/^\d{5}$/.test(raw.oldCommuneCode)) {
    throw validationError([fieldIssue("oldCommuneCode", fill(messages[p.locale].map.oldCodeUnknown, { code: String(raw.oldCommuneCode).slice(0, 20) }))]);
  }
  const given = typeof raw.communeCode === "string" && raw.communeCode ? raw.communeCode : undefined;
  const r = (await oldCommuneResolver(db, p, p.locale))(raw.oldCommuneCode, given);
  if ("message" in r) throw validationError([fieldIssue("oldCommuneCode", r.message)]);
  return { ...(input as object), communeCode: r.communeCode, oldCommuneCode: r.oldCommuneCode };
}

/**
 * The person's columns from validated form values and their commune — one mapping for registration and
 * edit (the search form of the name, the default nationality, absent optional values stored as null).
 */
function enrolleeColumns(v: Omit<EnrolleeUpdateData, "version">, commune: { code: string; provinceCode: string; areaCode: string }) {
  return {
    personalId: v.personalId,
    siCode: v.siCode ?? null,
    fullName: v.fullName,
    searchName: toSearchForm(v.fullName),
    dateOfBirth: fromIsoDate(v.dateOfBirth),
    sex: v.sex,
    phone: v.phone ?? null,
    provinceCode: commune.provinceCode,
    areaCode: commune.areaCode,
    communeCode: commune.code,
    address: v.address ?? null,
    nationality: v.nationality ?? DEFAULT_NATIONALITY,
    ethnicity: v.ethnicity ?? null,
    email: v.email ?? null,
    occupation: v.occupation,
    subsidyGroup: v.subsidyGroup,
    declaredIncome: v.declaredIncome,
    paymentPeriod: v.paymentPeriod,
    agentId: v.agentId ?? null,
    conferenceId: v.conferenceId ?? null,
    enrolledOn: fromIsoDate(v.enrolledOn),
  };
}

export async function registerEnrollee(db: Db, p: Principal, input: unknown, o: Opts = {}): Promise<RegisterResult> {
  // desk staff, or a collector for its agent's communes (the agent and the collector are then preset)
  assertFieldWrite(p);
  const today = o.today ?? todayInVietnam();
  input = await withOldCommuneCode(db, p, input);
  const oldCommuneCode = (input as { oldCommuneCode?: string } | null)?.oldCommuneCode ?? null;
  const raw = (input ?? {}) as { payment?: { paidOn?: unknown }; enrolledOn?: unknown; communeCode?: unknown };
  const policy = await policyForInput(db, p, parseDateInput(raw.payment?.paidOn) ?? parseDateInput(raw.enrolledOn) ?? today, raw.communeCode);
  const parsed: RegistrationData = schemasFor(p.locale, policy).registration.parse(input);
  // a collector registers for its own agent: whatever the form or the API says (as recordPayment)
  const v: RegistrationData = p.collector ? { ...parsed, agentId: p.collector.agentId } : parsed;
  const m = textOf(p);
  return withElsewhereAudit(db, p, (elsewhere) =>
    inTransaction(db, async (tx) => {
      const placement = await checkPlacement(tx, p, v, today);
      const issues = [...placement.issues, ...(await checkUnique(tx, p, v, undefined, elsewhere))];
      const commune = placement.commune;
      if (commune) {
        const date = v.payment?.paidOn ?? v.enrolledOn;
        const policy = await policyOrIssue(tx, p, date, commune.provinceCode, v.payment ? ["payment", "paidOn"] : ["enrolledOn"]);
        if ("path" in policy) issues.push(policy);
        else
          for (const i of contributionIssues(
            policy,
            { declaredIncome: v.declaredIncome, period: v.paymentPeriod, months: v.months, subsidyGroup: v.subsidyGroup },
            p.locale,
          ))
            issues.push(i);
        if (!v.confirmDuplicate && !issues.some((i) => i.path[0] === "personalId")) {
          const dups = await possibleDuplicates(tx, p, commune.provinceCode, v.fullName, v.dateOfBirth);
          if (dups.length > 0) {
            issues.push(
              fieldIssue("confirmDuplicate", fill(m.possibleDuplicate, { n: dups.length }), {
                code: "POSSIBLE_DUPLICATE",
                existingIds: dups.map((d) => d.id).filter((id): id is number => id !== null),
              }),
            );
          }
        }
      }
      if (issues.length > 0 || !commune) throw validationError(issues);

      let created;
      try {
        created = await tx.enrollee.create({
          data: { ...enrolleeColumns(v, commune), oldCommuneCode },
          select: summarySelect,
        });
      } catch (e) {
        rethrowUnique(e, p);
      }
      await writeAudit(tx, p, {
        action: "enrollee.create",
        entity: "Enrollee",
        entityId: created.id,
        unitCode: created.communeCode,
        after: auditView(created, v),
      });

      let payment: PaymentRecord | null = null;
      if (v.payment) {
        const locked = await lockEnrollee(tx, created.id);
        payment = await recordPaymentLocked(
          tx,
          p,
          locked!,
          {
            method: v.payment.method,
            receiptNo: v.payment.receiptNo,
            paidOn: v.payment.paidOn,
            period: v.paymentPeriod,
            months: v.months,
            declaredIncome: v.declaredIncome,
            agentId: v.agentId ?? null,
            collectorId: p.collector?.collectorId ?? null,
          },
          {
            declaredIncome: ["declaredIncome"],
            months: ["months"],
            period: ["paymentPeriod"],
            receiptNo: ["payment", "receiptNo"],
            paidOn: ["payment", "paidOn"],
            agentId: ["agentId"],
          },
        );
      }
      const after = await tx.enrollee.findUniqueOrThrow({ where: { id: created.id }, select: summarySelect });
      return { id: created.id, enrollee: toSummary(after, today), payment };
    }),
  );
}

function auditView(
  e: SummaryRow,
  v?: { address?: string; occupation?: string; conferenceId?: number; nationality?: string; ethnicity?: string; email?: string },
) {
  return {
    ...toSummary(e, todayInVietnam()),
    status: undefined,
    ...(v
      ? {
          address: v.address ?? null,
          occupation: v.occupation,
          conferenceId: v.conferenceId ?? null,
          nationality: v.nationality ?? DEFAULT_NATIONALITY,
          ethnicity: v.ethnicity ?? null,
          email: v.email ?? null,
        }
      : {}),
  };
}

// ------------------------------------------------------------------ list / search

export type EnrolleeListRow = {
  id: number;
  personalId: string;
  siCode: string | null;
  fullName: string;
  dateOfBirth: IsoDate;
  sex: "MALE" | "FEMALE";
  phone: string | null;
  communeCode: string;
  communeName: string;
  agentId: number | null;
  agentName: string | null;
  subsidyGroup: SubsidyGroup;
  coverageEnd: IsoDate | null;
  status: CoverageStatus;
};

/** `capped`: a name search found more than SEARCH_MATCH_CAP people; `total` is the cap and the pages hold that
 *  many of them, closest group first (ADR 1803). */
export type EnrolleePage = { rows: EnrolleeListRow[]; total: number; capped: boolean; page: number; pages: number; pageSize: number };

/** The search box's text as a query: an ID number, SI code or phone (4+ digits), or the words of a name (diacritics-free). */
export function parseSearch(q: string | undefined): { digits: string } | { words: string[] } | null {
  const s = (q ?? "").trim();
  if (!s) return null;
  const digits = s.replace(/[\s.\-()]/g, "").replace(/^\+84/, "0");
  if (/^\d{4,}$/.test(digits)) return { digits };
  // toSearchForm leaves letters, digits and single spaces only: no LIKE wildcard can reach the pattern
  const words = toSearchForm(s).split(" ").filter(Boolean);
  return words.length ? { words } : null;
}

/** The list's conditions on "Enrollee" e but the search: the caller's scope and the filters. Status is
 *  computed from coverageEnd, never stored (lib/domain/coverage-status.ts). */
function listFilterCondition(p: Principal, filter: EnrolleeFilter, today: IsoDate): Prisma.Sql {
  // the scope; a collector's list holds its agent's people only (authz.ts)
  const and: Prisma.Sql[] = [fieldEnrolleeCondition(p, "e")];
  if (filter.commune) and.push(Prisma.sql`e."communeCode" = ${filter.commune}`);
  if (filter.agent) and.push(Prisma.sql`e."agentId" = ${filter.agent}`);
  if (filter.group) and.push(Prisma.sql`e."subsidyGroup" = ${filter.group}::"SubsidyGroup"`);
  if (filter.status) {
    const { dueUntil, overdueFrom } = statusBounds(today);
    switch (filter.status) {
      case "NEVER_PAID":
        and.push(Prisma.sql`e."coverageEnd" IS NULL`);
        break;
      case "ACTIVE":
        and.push(Prisma.sql`e."coverageEnd" > ${dueUntil}::date`);
        break;
      case "DUE":
        and.push(Prisma.sql`e."coverageEnd" BETWEEN ${today}::date AND ${dueUntil}::date`);
        break;
      case "OVERDUE":
        and.push(Prisma.sql`e."coverageEnd" >= ${overdueFrom}::date AND e."coverageEnd" < ${today}::date`);
        break;
      case "LAPSED":
        and.push(Prisma.sql`e."coverageEnd" < ${overdueFrom}::date`);
        break;
    }
  }
  return Prisma.join(and, " AND ");
}

/** The words of a name, its province's tag and its pairs of words, as the GIN index "Enrollee_searchTags_idx"
 *  holds them (ADR 1803, SQL function name_search_tags, migration 20261208100000): the words; '@' ||
 *  province (a name word has letters and digits only, so no tag equals a word); every pair of two
 *  different words in byte order joined by '+' (wordPairs). Every search condition names this expression,
 *  so that PostgreSQL can use the index. */
export function nameTags(alias = "e"): Prisma.Sql {
  return Prisma.raw(`"name_search_tags"(${alias}."searchName", ${alias}."provinceCode")`);
}

/** The pairs of different typed words as name_search_tags makes them: byte order (the words are ASCII
 *  letters and digits: JavaScript's string order is byte order), joined by '+'. */
export function wordPairs(words: string[]): string[] {
  const distinct = [...new Set(words)].sort();
  return distinct.flatMap((a, i) => distinct.slice(i + 1).map((b) => `${a}+${b}`));
}

/** The tag of the caller's province (nameTags), to find its names in the index rather than the nation's
 *  (an area's search does not use the index: nameMatchGroups). */
function scopeTags(scope: Principal["scope"]): string[] {
  const province = ownProvince(scope);
  return province ? [`@${province}`] : [];
}

/** Every typed word, as `pattern(word)`, matches the name padded with a space at each end: `% w %` a whole
 *  word, `% w%` the start of a word, `%w%` anywhere. One rule for the ranking and for the search's groups;
 *  no index serves this form, so a group's index condition is the one it states. */
function everyWord(col: Prisma.Sql, words: string[], pattern: (w: string) => string): Prisma.Sql {
  return Prisma.join(
    words.map((w) => Prisma.sql`(' ' || ${col} || ' ') LIKE ${pattern(w)}`),
    " AND ",
  );
}

/**
 * A name search's matches in three disjoint groups, closest first (ADR 1803), each found through the tag
 * index (nameTags) within the caller's scope tag, the index intersecting every condition below before a
 * row is read (GIN skips through the long posting lists guided by the shortest):
 * 1. every word a whole word of the name (searchRank 0–2): the tags hold the scope and every word (for
 *    several words, every pair of them);
 * 2. else every word starts a word (ranks 3–4): for each typed word, a name word starting with it; and
 *    since some typed word is not a whole word, a name word that starts with a typed word and is longer;
 * 3. else the rest (rank 5): for each typed word, a name word containing it; and since some typed word
 *    starts no word of the name, a name word containing a typed word past its start.
 * The exact rule of groups 2 and 3 is then checked on the rows found (everyWord). Together the groups are
 * exactly "every word occurs in the name" (`searchName LIKE '%word%'` for every word; ADR 1802 read it by
 * expanding each typed word to the "NameWord" words containing it, which the trigger keeps complete).
 * An area (a few thousand people) is read from its covering (areaCode, searchName, id) index instead, each
 * group's rule checked on the index entries (ADR 0603): cheaper than any posting list of the nation's words.
 */
export function nameMatchGroups(words: string[], scope: Principal["scope"], alias = "e", unitTag?: Prisma.Sql): Prisma.Sql[] {
  const col = Prisma.raw(`${alias}."searchName"`);
  const allWhole = everyWord(col, words, (w) => `% ${w} %`);
  const allStart = everyWord(col, words, (w) => `% ${w}%`);
  const allInside = everyWord(col, words, (w) => `%${w}%`);
  if (ownArea(scope) !== null) return [allWhole, Prisma.sql`${allStart} AND NOT (${allWhole})`, Prisma.sql`${allInside} AND NOT (${allStart})`];
  const tags = nameTags(alias);
  const scopeTag: (string | Prisma.Sql)[] = [...scopeTags(scope), ...(unitTag ? [unitTag] : [])];
  const scoped = scopeTag.length ? Prisma.sql`${tags} @> ARRAY[${Prisma.join(scopeTag)}]::text[] AND ` : Prisma.empty;
  /** the name has a word that is one of "NameWord" where `word` (nw."word") holds */
  const hasWord = (where: Prisma.Sql) => Prisma.sql`${tags} && ARRAY(SELECT nw."word" FROM "NameWord" nw WHERE ${where})`;
  // for each typed word longer than `short` letters: a shorter one expands to much of the vocabulary, a list
  // of long posting lists slower to read than the rows are to check (the exact rule below still checks it)
  const each = (short: number, where: (w: string) => Prisma.Sql) => {
    const keys = words.filter((w) => w.length > short).map((w) => Prisma.sql`${hasWord(where(w))} AND `);
    return keys.length ? Prisma.join(keys, "") : Prisma.empty;
  };
  const some = (where: (w: string) => Prisma.Sql) => hasWord(Prisma.join(words.map(where), " OR "));
  // group 3's keys for the typed words longer than two letters: with one, the name words containing it; with
  // several, for each pair (a, b) of them the pairs of name words x ∋ a, y ∋ b (paired as name_search_tags
  // pairs them — that function calls no other, so that the index never depends on the search_path), or a
  // single name word holding both — far shorter posting lists than the words' ("hoang+minh")
  const inside = () => {
    const long = [...new Set(words.filter((w) => w.length > 2))].sort();
    if (long.length < 2) return each(2, (w) => Prisma.sql`nw."word" LIKE ${`%${w}%`}`);
    const pairs = long.flatMap((a, i) =>
      long.slice(i + 1).map(
        (b) => Prisma.sql`${tags} && ARRAY(
          SELECT CASE WHEN x."word" COLLATE "C" < y."word" COLLATE "C" THEN x."word" || '+' || y."word" ELSE y."word" || '+' || x."word" END
            FROM "NameWord" x, "NameWord" y WHERE x."word" LIKE ${`%${a}%`} AND y."word" LIKE ${`%${b}%`} AND x."word" <> y."word"
          UNION SELECT x."word" FROM "NameWord" x WHERE x."word" LIKE ${`%${a}%`} AND x."word" LIKE ${`%${b}%`}) AND `,
      ),
    );
    return Prisma.join(pairs, "");
  };
  return [
    // several words: their pairs say it all, and are far shorter posting lists than the words
    Prisma.sql`${tags} @> ARRAY[${Prisma.join([...scopeTag, ...(new Set(words).size > 1 ? wordPairs(words) : words)])}]::text[]`,
    Prisma.sql`${scoped}${each(1, (w) => Prisma.sql`nw."word" LIKE ${`${w}%`}`)}${some((w) => Prisma.sql`(nw."word" LIKE ${`${w}%`} AND nw."word" <> ${w})`)}
      AND ${allStart} AND NOT (${allWhole})`,
    Prisma.sql`${scoped}${inside()}${some((w) => Prisma.sql`(nw."word" LIKE ${`%${w}%`} AND nw."word" NOT LIKE ${`${w}%`})`)}
      AND ${allInside} AND NOT (${allStart})`,
  ];
}

type ListRow = {
  total: number;
  id: number | null;
  personalId: string;
  siCode: string | null;
  fullName: string;
  dateOfBirth: Date;
  sex: "MALE" | "FEMALE";
  phone: string | null;
  communeCode: string;
  communeName: string;
  agentId: number | null;
  agentName: string | null;
  subsidyGroup: SubsidyGroup;
  coverageEnd: Date | null;
};

/**
 * How close a name is to the words searched, for ordering (0 = closest; searchName is diacritics-free):
 * 0 the whole name is the words in order ("nguyen van an" = Nguyễn Văn An); 1 the words are whole words
 * of the name in that order (Trần Nguyễn Văn An); 2 every word is a whole word, in any order (An Văn
 * Nguyễn); 3 the words start words, in order (Nguyễn Văn Anh); 4 every word starts a word (Nguyễn Thị
 * Vân Anh); 5 the rest (a word inside another: Nguyễn Văn Toàn Hạnh). Only the matches (already narrowed by the index) are ranked, then sorted by name.
 */
export function searchRank(filter: EnrolleeFilter, col: Prisma.Sql = Prisma.sql`m."searchName"`): Prisma.Sql {
  const search = parseSearch(filter.q);
  if (!search || "digits" in search) return Prisma.sql`0`;
  const { words } = search;
  const padded = Prisma.sql`(' ' || ${col} || ' ')`;
  const all = (pattern: (w: string) => string) => everyWord(col, words, pattern);
  return Prisma.sql`CASE
    WHEN ${col} = ${words.join(" ")} THEN 0
    WHEN ${padded} LIKE ${`% ${words.join(" ")} %`} THEN 1
    WHEN ${all((w) => `% ${w} %`)} THEN 2
    WHEN ${padded} LIKE ${`% ${words.join(" ")}%`} THEN 3
    WHEN ${all((w) => `% ${w}%`)} THEN 4
    ELSE 5 END`;
}

/**
 * One page of the caller's enrollees, closest to the search first (searchRank), then by name, with the
 * total: one statement, one round trip. The matches are collected once (id and searchName only, from an
 * index), counted, ranked and sorted for the page; only the page's 50 rows are read from the table and
 * joined to their commune and agent. (Prisma's count + findMany + two relation queries cost four round
 * trips and two scans.) With a cap, the matches are collected group by group (nameMatchGroups) and the
 * collecting stops at cap + 1: PostgreSQL's Append under a LIMIT does not start a group it does not need,
 * so a name that a hundred thousand people share costs a thousand rows, not a hundred thousand (ADR 1803).
 */
async function enrolleePage(db: Db, matches: Prisma.Sql, rank: Prisma.Sql, pageSize: number, page: number, cap: number | null): Promise<ListRow[]> {
  const offset = (page - 1) * pageSize;
  const take = cap === null ? pageSize : Math.max(0, Math.min(pageSize, cap - offset));
  return db.$queryRaw<ListRow[]>`
    WITH m AS MATERIALIZED (${matches}),
         pg AS (SELECT m."id", m."searchName", ${rank} AS rank FROM m ORDER BY 3, m."searchName", m."id" LIMIT ${take} OFFSET ${offset})
    SELECT (SELECT count(*) FROM m)::int AS total,
           e."id", e."personalId", e."siCode", e."fullName", e."dateOfBirth", e."sex"::text AS sex, e."phone", e."communeCode",
           u."fullName" AS "communeName", e."agentId", a."name" AS "agentName", e."subsidyGroup"::text AS "subsidyGroup", e."coverageEnd"
    FROM (SELECT 1) one
    LEFT JOIN (pg JOIN "Enrollee" e ON e."id" = pg."id" JOIN "Unit" u ON u."code" = e."communeCode"
               LEFT JOIN "CollectionAgent" a ON a."id" = e."agentId") ON TRUE
    ORDER BY pg.rank, pg."searchName", pg."id"`;
}

/** The list's matches (id, searchName): for a search by number or none, every one (no cap); for a name
 *  search, at most `cap` + 1 of them, group by group (nameMatchGroups). */
function listMatches(p: Principal, filter: EnrolleeFilter, today: IsoDate, cap: number): { matches: Prisma.Sql; cap: number | null } {
  const base = listFilterCondition(p, filter, today);
  const search = parseSearch(filter.q);
  if (!search) return { matches: Prisma.sql`SELECT e."id", e."searchName" FROM "Enrollee" e WHERE ${base}`, cap: null };
  if ("digits" in search) {
    const { digits } = search;
    const matches = Prisma.sql`SELECT e."id", e."searchName" FROM "Enrollee" e
      WHERE ${base} AND (e."personalId" = ${digits} OR e."siCode" = ${digits} OR e."phone" = ${digits})`;
    return { matches, cap: null };
  }
  const groups = nameMatchGroups(search.words, p.scope).map((g) => Prisma.sql`(SELECT e."id", e."searchName" FROM "Enrollee" e WHERE ${base} AND ${g})`);
  if (isNational(p.scope) && new Set(search.words).size === 1) {
    // one word over the nation ("huong": 84,000 names spread over the whole table): the whole-word group is
    // read province by province, in code order, each from the index with the province's tag, and the loop
    // stops at the cap — instead of one bitmap of every such name in the country (ADR 1803). (Area by area
    // in a province was slower at 3 M: a province's rows lie together, its bitmap is cheap.)
    const [whole] = nameMatchGroups(search.words, p.scope, "e", Prisma.sql`'@' || u."code"`);
    groups[0] = Prisma.sql`(SELECT e."id", e."searchName"
      FROM (SELECT u."code" FROM "Unit" u WHERE u."level" = 'PROVINCE' ORDER BY u."code") u
      CROSS JOIN LATERAL (SELECT e."id", e."searchName" FROM "Enrollee" e WHERE ${base} AND ${whole}) e)`;
  }
  return { matches: Prisma.sql`SELECT c."id", c."searchName" FROM (${Prisma.join(groups, " UNION ALL ")}) c LIMIT ${cap + 1}`, cap };
}

/** `o.matchCap`: the cap of a name search's matches (SEARCH_MATCH_CAP; tests use a small one). */
export async function listEnrollees(db: Db, p: Principal, filter: EnrolleeFilter, o: Opts & { matchCap?: number } = {}): Promise<EnrolleePage> {
  assertFieldRead(p); // the desk's readers, or a collector (its people: listFilterCondition)
  const today = o.today ?? todayInVietnam();
  const pageSize = filter.pageSize ?? ENROLLEE_PAGE_SIZE;
  const { matches, cap } = listMatches(p, filter, today, o.matchCap ?? SEARCH_MATCH_CAP);
  let page = filter.page ?? 1;
  const rank = searchRank(filter);
  let found = await enrolleePage(db, matches, rank, pageSize, page, cap);
  const capped = cap !== null && found[0].total > cap;
  const total = capped ? cap : found[0].total;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (page > pages) {
    // past the last page (the list shrank, or a hand-typed URL): show the last page
    page = pages;
    found = await enrolleePage(db, matches, rank, pageSize, page, cap);
  }
  return {
    total,
    capped,
    page,
    pages,
    pageSize,
    rows: found
      .filter((r) => r.id !== null)
      .map((r) => {
        const coverageEnd = r.coverageEnd ? toIsoDate(r.coverageEnd) : null;
        return {
          // lists show the whole ID number only to the staff who enroll (ADR 0704); search still matches it in full
          id: r.id!,
          personalId: maskPersonalId(r.personalId, p.role),
          siCode: r.siCode,
          fullName: r.fullName,
          dateOfBirth: toIsoDate(r.dateOfBirth),
          sex: r.sex,
          phone: r.phone,
          communeCode: r.communeCode,
          communeName: r.communeName,
          agentId: r.agentId,
          agentName: r.agentName,
          subsidyGroup: r.subsidyGroup,
          coverageEnd,
          status: coverageStatus(coverageEnd, today),
        };
      }),
  };
}

// ------------------------------------------------------------------ detail

export type AuditRow = { id: number; at: Date; userLogin: string | null; action: string; before: unknown; after: unknown };

export type EnrolleeDetail = EnrolleeSummary & {
  address: string | null;
  occupation: Occupation;
  conferenceId: number | null;
  conferenceTitle: string | null;
  /** TK1-TS [04], [05], [08] */
  nationality: string;
  ethnicity: string | null;
  email: string | null;
  communeName: string;
  areaName: string;
  agentName: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** a record from before the 2025 reform: the old commune code as given, and that commune with its former district */
  oldCommune: { code: string; name: string | null } | null;
  contributions: ContributionRow[];
  audit: AuditRow[];
};

/** One enrollee of the caller's scope with every contribution and its audit trail; AuthError(404) otherwise. */
export async function getEnrollee(db: Db, p: Principal, id: number, o: Opts = {}): Promise<EnrolleeDetail> {
  assertCan(p, "enrollee.read");
  const today = o.today ?? todayInVietnam();
  const e = Number.isSafeInteger(id)
    ? await db.enrollee.findUnique({
        where: { id },
        select: {
          ...summarySelect,
          address: true,
          occupation: true,
          conferenceId: true,
          createdAt: true,
          updatedAt: true,
          oldCommuneCode: true,
          nationality: true,
          ethnicity: true,
          email: true,
          commune: { select: { fullName: true, parent: { select: { fullName: true } } } },
          agent: { select: { name: true } },
          conference: { select: { title: true, heldOn: true } },
        },
      })
    : null;
  if (!e || !unitInScope(p.scope, communeAsUnit(e))) throw new AuthError(404, "not found");
  const [contributions, audit] = await Promise.all([
    contributionsOf(db, e.id),
    db.auditLog.findMany({ where: { entity: "Enrollee", entityId: String(e.id) }, orderBy: [{ at: "desc" }, { id: "desc" }], take: 200 }),
  ]);
  return {
    ...toSummary(e, today),
    // the lists' rule for every role that does not enroll people (page, API, exports alike: ADR 0704)
    personalId: maskPersonalId(e.personalId, p.role),
    address: e.address,
    occupation: e.occupation,
    conferenceId: e.conferenceId,
    nationality: e.nationality,
    ethnicity: e.ethnicity,
    email: e.email,
    conferenceTitle: e.conference ? `${e.conference.title} (${toIsoDate(e.conference.heldOn)})` : null,
    communeName: e.commune.fullName,
    areaName: e.commune.parent?.fullName ?? "",
    agentName: e.agent?.name ?? null,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    contributions,
    oldCommune: e.oldCommuneCode ? { code: e.oldCommuneCode, name: oldCommuneLabel(e.oldCommuneCode) } : null,
    audit: audit.map((a) => ({
      id: a.id,
      at: a.at,
      userLogin: a.userLogin,
      action: a.action,
      before: maskPersonalIdsIn(a.before, p.role),
      after: maskPersonalIdsIn(a.after, p.role),
    })),
  };
}

// ------------------------------------------------------------------ edit / delete

const EDITABLE = PERSON_FIELDS;

/**
 * Edits a person (enrolleeUpdateSchema, with the `version` read). Re-validates the ID number against the
 * date of birth and sex, its uniqueness, the commune, agent and conference; audits before/after of the
 * changed fields. Contributions keep the codes they were paid under.
 */
export async function updateEnrollee(db: Db, p: Principal, id: number, input: unknown, o: Opts = {}): Promise<EnrolleeSummary> {
  assertCan(p, "enrollee.write");
  const today = o.today ?? todayInVietnam();
  const policy = await policyForInput(db, p, today, (input as { communeCode?: unknown } | null)?.communeCode);
  const v: EnrolleeUpdateData = schemasFor(p.locale, policy).enrolleeUpdate.parse(input);
  const m = textOf(p);
  return withElsewhereAudit(db, p, (elsewhere) =>
    inTransaction(db, async (tx) => {
      const locked = Number.isSafeInteger(id) ? await lockEnrollee(tx, id) : null;
      if (!locked || !unitInScope(p.scope, communeAsUnit(locked))) throw new AuthError(404, "not found");
      const before = await tx.enrollee.findUniqueOrThrow({
        where: { id },
        select: { ...summarySelect, address: true, occupation: true, conferenceId: true, nationality: true, ethnicity: true, email: true },
      });
      if (v.version !== before.version) throw validationError([fieldIssue("_form", m.stale, { code: "STALE" })]);

      const placement = await checkPlacement(tx, p, v, today, { agentId: before.agentId, communeCode: before.communeCode, conferenceId: before.conferenceId });
      const issues = [...placement.issues, ...(await checkUnique(tx, p, v, id, elsewhere))];
      if (placement.commune) {
        const policy = await policyOrIssue(tx, p, today, placement.commune.provinceCode, ["declaredIncome"]);
        if ("path" in policy) issues.push(policy);
        else
          issues.push(
            ...contributionIssues(
              policy,
              { declaredIncome: v.declaredIncome, period: v.paymentPeriod, months: v.months, subsidyGroup: v.subsidyGroup },
              p.locale,
            ),
          );
      }
      if (issues.length > 0 || !placement.commune) throw validationError(issues);
      const c = placement.commune;

      const beforeView: Record<string, unknown> = {
        ...before,
        dateOfBirth: toIsoDate(before.dateOfBirth),
        enrolledOn: toIsoDate(before.enrolledOn),
      };
      const afterView: Record<string, unknown> = {
        personalId: v.personalId,
        siCode: v.siCode ?? null,
        fullName: v.fullName,
        dateOfBirth: v.dateOfBirth,
        sex: v.sex,
        phone: v.phone ?? null,
        communeCode: v.communeCode,
        address: v.address ?? null,
        occupation: v.occupation,
        subsidyGroup: v.subsidyGroup,
        nationality: v.nationality ?? DEFAULT_NATIONALITY,
        ethnicity: v.ethnicity ?? null,
        email: v.email ?? null,
        declaredIncome: v.declaredIncome,
        paymentPeriod: v.paymentPeriod,
        agentId: v.agentId ?? null,
        conferenceId: v.conferenceId ?? null,
        enrolledOn: v.enrolledOn,
      };
      const changed = EDITABLE.filter((k) => JSON.stringify(beforeView[k] ?? null) !== JSON.stringify(afterView[k] ?? null));
      if (changed.length === 0) return toSummary(before, today);

      let updated;
      try {
        updated = await tx.enrollee.update({
          where: { id },
          data: { ...enrolleeColumns(v, c), version: { increment: 1 } },
          select: summarySelect,
        });
      } catch (e) {
        rethrowUnique(e, p);
      }
      await writeAudit(tx, p, {
        action: "enrollee.update",
        entity: "Enrollee",
        entityId: id,
        unitCode: updated.communeCode,
        before: Object.fromEntries(changed.map((k) => [k, beforeView[k] ?? null])),
        after: Object.fromEntries(changed.map((k) => [k, afterView[k] ?? null])),
      });
      return toSummary(updated, today);
    }),
  );
}

/**
 * Deletes a registration made in error. Only for someone who never paid: an enrollee with contributions is
 * never hard-deleted (and the foreign key would refuse it anyway). The audit entry keeps the whole record.
 */
export async function deleteEnrollee(db: Db, p: Principal, id: number): Promise<void> {
  assertCan(p, "enrollee.write");
  const m = textOf(p);
  await inTransaction(db, async (tx) => {
    const locked = Number.isSafeInteger(id) ? await lockEnrollee(tx, id) : null;
    if (!locked || !unitInScope(p.scope, communeAsUnit(locked))) throw new AuthError(404, "not found");
    if ((await tx.contribution.count({ where: { enrolleeId: id } })) > 0)
      throw validationError([fieldIssue("_form", m.deleteHasContributions, { code: "HAS_CONTRIBUTIONS" })]);
    const before = await tx.enrollee.findUniqueOrThrow({ where: { id } });
    await tx.enrollee.delete({ where: { id } });
    await writeAudit(tx, p, { action: "enrollee.delete", entity: "Enrollee", entityId: id, unitCode: before.communeCode, before });
  });
}

// ------------------------------------------------------------------ what the registration form needs

export type RegistrationOptions = {
  provinceCode: string | null;
  communes: { code: string; fullName: string }[];
  /** Agents that may be chosen today, with the communes each serves (the form filters by commune). */
  agents: { id: number; code: string; name: string; status: string; contractStart: IsoDate; contractEnd: IsoDate | null; communes: string[] }[];
  conferences: { id: number; title: string; heldOn: IsoDate; communeCode: string }[];
  /** a collector registers for its own agent: the agent is preset and cannot be changed (the server sets it anyway) */
  fixedAgentId?: number;
  /** where a person's page lives for the caller ("/enrollees", or a collector's "/field") */
  personPath: "/enrollees" | "/field";
};

/** The communes of the caller's area, the agents serving them and the recent conferences held there;
 *  for a collector, its agent's communes and its agent only. */
export async function registrationOptions(db: Db, p: Principal, o: Opts = {}): Promise<RegistrationOptions> {
  assertFieldWrite(p);
  const today = o.today ?? todayInVietnam();
  const c = p.collector;
  const scope = { ...scopeWhere(p.scope), ...(c ? { code: { in: c.communeCodes } } : {}) };
  const [communes, agents, conferences] = await Promise.all([
    db.unit.findMany({ where: { level: "COMMUNE", ...scope }, select: { code: true, fullName: true }, orderBy: { fullName: "asc" }, take: 5000 }),
    db.collectionAgent.findMany({
      where: { AND: [selectableAgentWhere(today), { communes: { some: { commune: scope } } }, ...(c ? [{ id: c.agentId }] : [])] },
      select: { id: true, code: true, name: true, status: true, contractStart: true, contractEnd: true, communes: { select: { communeCode: true } } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: 2000,
    }),
    db.outreachConference.findMany({
      where: {
        ...scopeWhere(p.scope),
        ...(c ? { communeCode: { in: c.communeCodes } } : {}),
        heldOn: { gte: fromIsoDate(`${Number(today.slice(0, 4)) - 1}${today.slice(4)}`) },
      },
      select: { id: true, title: true, heldOn: true, communeCode: true },
      orderBy: [{ heldOn: "desc" }, { id: "desc" }],
      take: 500,
    }),
  ]);
  return {
    provinceCode: ownProvince(p.scope),
    communes,
    agents: agents.map((a) => ({
      id: a.id,
      code: a.code,
      name: a.name,
      status: a.status,
      contractStart: toIsoDate(a.contractStart),
      contractEnd: a.contractEnd ? toIsoDate(a.contractEnd) : null,
      communes: a.communes.map((c) => c.communeCode),
    })),
    conferences: conferences.map((x) => ({ id: x.id, title: x.title, heldOn: toIsoDate(x.heldOn), communeCode: x.communeCode })),
    ...(c ? { fixedAgentId: c.agentId } : {}),
    personPath: c ? "/field" : "/enrollees",
  };
}

/**
 * The policy in force on a date in the caller's province, shipped to the browser so the form computes
 * amounts live with the same pure calculateContribution the server uses. Null when none is in force.
 */
export async function policyForForm(db: Db, p: Principal, date: IsoDate, provinceCode?: string): Promise<PolicySnapshot | null> {
  assertFieldRead(p); // the desk's readers, or a collector registering someone
  const province = provinceFor(p.scope, provinceCode);
  if (!province) return null;
  try {
    return await getPolicySnapshot(db, date, province);
  } catch (e) {
    if (e instanceof MissingPolicyError) return null;
    throw e;
  }
}

/** Choices for the list's filters: the communes and agents of the caller's scope. */
export async function listFilterOptions(
  db: Db,
  p: Principal,
): Promise<{ communes: { code: string; fullName: string }[]; agents: { id: number; name: string }[] }> {
  assertCan(p, "enrollee.read");
  const scope = scopeWhere(p.scope);
  // a national user searches by text; thousands of options would only slow the page down
  if (isNational(p.scope)) return { communes: [], agents: [] };
  const [communes, agents] = await Promise.all([
    db.unit.findMany({ where: { level: "COMMUNE", ...scope }, select: { code: true, fullName: true }, orderBy: { fullName: "asc" } }),
    db.collectionAgent.findMany({ where: scope, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }], take: 3000 }),
  ]);
  return { communes, agents };
}

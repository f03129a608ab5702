// Issue 14 item 3: a collection agent's year-end forecast is the units' cohort model (ADR 1401, 1404), so
// it holds from one day to the next like a province's (dashboard-forecast-stability.test.ts): over every
// day of a year, the change is explained by that day's events among the agent's people (payments, lapses,
// people whose renewal another agent collected) plus a day's share of expected new participants and what the day's move of the
// measured renewal rate explains — no drop on the first day of a month. The month-end extrapolation agents used before
// fails the same check.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "./db";
import { generateDashboardData } from "../fixtures/dashboard";
import { agentFigures, type AgentRef } from "@/lib/server/dashboard/agents";
import { agentMonthlyOn } from "@/lib/server/dashboard/counting";
import { addDays, addMonths, toIsoDate, type IsoDate } from "@/lib/domain/dates";
import { forecastFromMonthEnds } from "@/lib/domain/forecast";

let t: TestDb;
const TOLERANCE = 2;
const MAX_NEW_SHARE = 2;
const YEAR = 2025;
type Day = {
  on: IsoDate;
  projected: number;
  newExpected: number;
  oldProjected: number;
  events: number;
  participants: number;
  renewals: number;
  rateBp: number;
};
const days: Day[] = [];
let agent: AgentRef;

beforeAll(async () => {
  t = await freshDb();
  await generateDashboardData(t.prisma, { seed: 14, people: 900, asOf: `${YEAR}-12-31` });
  // the agent with the most people: the area's post office
  const [top] = await t.prisma.$queryRawUnsafe<{ agentId: number }[]>(
    `SELECT "agentId" FROM "Contribution" WHERE "agentId" IS NOT NULL GROUP BY 1 ORDER BY count(DISTINCT "enrolleeId") DESC LIMIT 1`,
  );
  agent = await t.prisma.collectionAgent.findUniqueOrThrow({
    where: { id: top.agentId },
    select: { id: true, code: true, name: true, kind: true, status: true, areaCode: true },
  });
  // the day's events among the agent's people, counted here from the contributions: payments recorded that
  // day by a person attributed to the agent the day before or that day, people of the agent who lapse
  // that day (overdue the day before, lapsed that day), and people who move to or from another agent that
  // day (a renewal another agent collected, paid in advance, starts). Attribution: the latest-ending contribution known
  // on the day (k = greatest(start, paid) ≤ D; ties: the later k, then the higher id), as in counting.ts.
  const rows = (
    await t.prisma.contribution.findMany({
      where: { enrollee: { contributions: { some: { agentId: agent.id } } } },
      select: { id: true, enrolleeId: true, periodStart: true, periodEnd: true, paidOn: true, agentId: true },
    })
  ).map((r) => ({ ...r, start: toIsoDate(r.periodStart), end: toIsoDate(r.periodEnd), paid: toIsoDate(r.paidOn) }));
  const byPerson = new Map<number, typeof rows>();
  for (const r of rows) byPerson.set(r.enrolleeId, [...(byPerson.get(r.enrolleeId) ?? []), r]);
  const latestOn = (list: typeof rows, d: IsoDate) => {
    let best: (typeof rows)[number] | null = null;
    for (const c of list) {
      const k = c.start > c.paid ? c.start : c.paid;
      if (k > d) continue;
      const bk = best ? (best.start > best.paid ? best.start : best.paid) : "";
      if (!best || c.end > best.end || (c.end === best.end && (k > bk || (k === bk && c.id > best.id)))) best = c;
    }
    return best;
  };
  const statusOf = (c: (typeof rows)[number] | null, d: IsoDate) => (!c ? "NONE" : c.end >= d ? "COVERED" : c.end >= addMonths(d, -3) ? "OVERDUE" : "LAPSED");
  const events = new Map<string, number>();
  for (let d = `${YEAR}-01-01`; d <= `${YEAR}-12-31`; d = addDays(d, 1)) {
    const y = addDays(d, -1);
    let n = 0;
    for (const list of byPerson.values()) {
      const [a, b] = [latestOn(list, y), latestOn(list, d)];
      const mine = a?.agentId === agent.id || b?.agentId === agent.id;
      if (!mine) continue;
      n += list.filter((c) => c.paid === d).length;
      if (a?.agentId === agent.id && statusOf(a, y) === "OVERDUE" && statusOf(b, d) === "LAPSED") n++;
      // a renewal collected by another agent starts today: the person is that agent's from today (and back)
      else if ((a?.agentId === agent.id) !== (b?.agentId === agent.id)) n++;
    }
    events.set(d, n);
  }
  const monthly = await agentMonthlyOn(t.prisma, [agent.id], `${YEAR - 1}-01`, `${YEAR}-12-31`);
  const ms = monthly.get(agent.id)!;
  for (let on = `${YEAR}-01-01`; on <= `${YEAR}-12-31`; on = addDays(on, 1)) {
    const [f] = await agentFigures(t.prisma, [agent], on);
    const m = Number(on.slice(5, 7));
    // the month-end extrapolation on the same data (D's month at D)
    const dayLevel = (await agentMonthlyOn(t.prisma, [agent.id], on.slice(0, 7), on)).get(agent.id)!;
    const ytd = [...ms.slice(12, 12 + m - 1), dayLevel[0]];
    const old = forecastFromMonthEnds({ ytd, lastYear: ms.slice(0, 12), target: 0 });
    days.push({
      on,
      projected: f.projected,
      newExpected: f.forecastParts.newExpected,
      oldProjected: old.projected,
      events: events.get(on) ?? 0,
      participants: f.participants,
      renewals: f.forecastParts.renewals,
      rateBp: f.forecastParts.renewalRateBp,
    });
  }
}, 900_000);
afterAll(async () => {
  await t.close();
});

describe("a collection agent's year-end forecast over every day of a year", () => {
  it("changes from one day to the next only by what the day's events explain", () => {
    const report: string[] = [];
    for (let i = 1; i < days.length; i++) {
      const [a, b] = [days[i - 1], days[i]];
      const newShare = a.newExpected - b.newExpected;
      // the measured renewal rate's window slides by a day (a month-end's coverage ends enter it on the 1st):
      // what that change of r alone moves on the day's cohorts is explained too
      const drift = b.rateBp > 0 ? Math.abs(b.renewals * (1 - a.rateBp / b.rateBp)) : 0;
      const unexplained = Math.abs(b.projected - a.projected + newShare) - b.events - drift;
      if (unexplained > TOLERANCE || newShare < -1 || newShare > MAX_NEW_SHARE) {
        report.push(`${a.on} ${a.projected} → ${b.on} ${b.projected} (new share ${newShare}, events ${b.events}, rate ${a.rateBp} → ${b.rateBp})`);
      }
    }
    expect(report).toEqual([]);
    expect(days[days.length - 1].participants).toBeGreaterThan(20); // an agent with real cohorts
  });

  it("the month-end extrapolation it replaces fails the same check at month boundaries", () => {
    const jumps = days.slice(1).filter((b, i) => b.on.endsWith("-01") && Math.abs(b.oldProjected - days[i].oldProjected) - b.events > 2);
    expect(jumps.length).toBeGreaterThan(0);
  });
});

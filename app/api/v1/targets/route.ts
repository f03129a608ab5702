import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/server/http/api";
import { readJsonBody } from "@/lib/server/http/body";
import { db } from "@/lib/server/db/index";
import { TargetError, getTargetEditor, listShortfalls, setTarget } from "@/lib/server/targets/targets";
import { targetQuerySchema } from "@/lib/validation/target";
import { queryErrorMap } from "@/lib/validation/query-errors";

/** GET /api/v1/targets?year=&unit=&page= — a unit's target, its children's, their sums, and the scope's shortfalls. */
export const GET = apiRoute(async (req, p) => {
  const q = targetQuerySchema().parse(Object.fromEntries(req.nextUrl.searchParams), { error: queryErrorMap(p.locale) });
  const ed = await getTargetEditor(db(), p, { year: q.year, unit: q.unit });
  const shortfalls = await listShortfalls(db(), p, { year: ed.year, page: q.page });
  const view = (r: typeof ed.self) => ({
    ...(r.kind === "unit"
      ? { unitCode: r.unitCode, level: r.level }
      : { agentId: r.agentId, agentCode: r.code, agentStatus: r.agent?.status, communesServed: r.agent?.communes }),
    name: r.name,
    target: r.target,
    version: r.version,
    locked: r.locked,
    participants: r.participants,
    ...(r.kind === "unit" ? { childrenSum: r.childrenSum, shortfall: r.shortfall } : {}),
  });
  return NextResponse.json({
    year: ed.year,
    participantsOn: ed.asOf,
    unit: { ...view(ed.self), lockedAt: ed.lock.lockedAt, lockedBy: ed.lock.lockedBy, lockedAbove: ed.lock.ancestorLock },
    childrenSum: ed.childrenSum,
    difference: ed.self.target === null ? null : ed.childrenSum - ed.self.target,
    children: ed.children.map(view),
    can: ed.can,
    shortfalls,
  });
});

/** PUT /api/v1/targets — set one target: {year, unitCode | agentId, participants, version?}. */
export const PUT = apiRoute(async (req, p) => {
  const body = await readJsonBody(req);
  try {
    const r = await setTarget(db(), p, body);
    return NextResponse.json(r, { status: r.status === "created" ? 201 : 200 });
  } catch (e) {
    if (e instanceof TargetError) {
      const code = e.status === 403 ? "forbidden" : e.status === 409 ? "conflict" : "invalid";
      return NextResponse.json(
        { error: { code, reason: e.code, message: e.message }, ...(e.code === "conflict" ? { current: e.current } : {}) },
        { status: e.status },
      );
    }
    throw e;
  }
});

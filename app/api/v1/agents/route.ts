import { NextResponse } from "next/server";
import { todayInVietnam } from "@/lib/domain/dates";
import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { listAgents } from "@/lib/server/agents/agents";
import { agentFilterSchema } from "@/lib/validation/agent";
import { queryErrorMap } from "@/lib/validation/query-errors";

/** GET /api/v1/agents — agents in the caller's scope; filters q, kind, state, province, area, commune; page, pageSize. */
export const GET = apiRoute(async (req, p) => {
  const filter = agentFilterSchema.parse(Object.fromEntries(req.nextUrl.searchParams), { error: queryErrorMap(p.locale) });
  const today = todayInVietnam();
  const r = await listAgents(db(), p, filter, today);
  return NextResponse.json({
    date: today,
    total: r.total,
    page: r.page,
    pageSize: r.pageSize,
    agents: r.rows.map((a) => ({ ...a, selectable: a.state === "ACTIVE" })),
  });
});

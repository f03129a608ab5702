import { NextResponse } from "next/server";
import { todayInVietnam } from "@/lib/domain/dates";
import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { getAgentDetail } from "@/lib/server/agents/agents";
import { idParam } from "@/lib/server/http/params";

/** GET /api/v1/agents/{id} — one agent of the caller's scope with its communes, collectors, this year's target and counts. */
export const GET = apiRoute<{ params: Promise<{ id: string }> }>(async (_req, p, ctx) => {
  const id = idParam((await ctx.params).id);
  const today = todayInVietnam();
  const { actions: _actions, ...agent } = await getAgentDetail(db(), p, id, today);
  return NextResponse.json({ date: today, agent });
});

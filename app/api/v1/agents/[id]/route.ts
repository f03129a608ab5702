import { NextResponse } from "next/server";
import { z } from "zod";
import { todayInVietnam } from "@/lib/domain/dates";
import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { getAgentDetail } from "@/lib/server/agents/agents";

const params = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

/** GET /api/v1/agents/{id} — one agent of the caller's scope with its communes, collectors, this year's target and counts. */
export const GET = apiRoute<{ params: Promise<{ id: string }> }>(async (_req, p, ctx) => {
  const { id } = params.parse(await ctx.params);
  const today = todayInVietnam();
  const { actions: _actions, ...agent } = await getAgentDetail(db(), p, id, today);
  return NextResponse.json({ date: today, agent });
});

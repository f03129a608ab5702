import { NextResponse } from "next/server";
import { z } from "zod";
import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { fileResponse } from "@/lib/server/files/spreadsheet";
import { getD05List } from "@/lib/server/paperwork/d05";
import { d05Filename, d05Workbook } from "@/lib/server/paperwork/d05-xlsx";

const params = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

/** GET /api/v1/agents/{id}/d05?month=yyyy-mm|from=&to=&format=json|xlsx — the agent's D05-TS list (as /api/v1/d05?agentId=). */
export const GET = apiRoute<{ params: Promise<{ id: string }> }>(async (req, p, ctx) => {
  const { id } = params.parse(await ctx.params);
  const query: Record<string, string | undefined> = { ...Object.fromEntries(req.nextUrl.searchParams), agentId: String(id), unit: undefined };
  const list = await getD05List(db(), p, query);
  if (query.format === "xlsx") return fileResponse(await d05Workbook(list), d05Filename(list), "xlsx");
  return NextResponse.json(list);
});

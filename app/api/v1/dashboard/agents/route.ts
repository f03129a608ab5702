import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { getAgentTable } from "@/lib/server/dashboard/agents";

/** GET /api/v1/dashboard/agents?unit=&date=&sort=&dir=&page= — agents working in the unit, with attainment and the review flag. */
export const GET = apiRoute(async (req, p) => {
  const { unit, ...rest } = await getAgentTable(db(), p, Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json({ unit: { code: unit.code, level: unit.level, name: unit.fullName }, ...rest });
});

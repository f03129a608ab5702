import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { getLeague } from "@/lib/server/dashboard/overview";

/** GET /api/v1/dashboard/league?unit=&date=&sort=&dir= — the children's league table and the units at risk. */
export const GET = apiRoute(async (req, p) => {
  const { unit, ...rest } = await getLeague(db(), p, Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json({ unit: { code: unit.code, level: unit.level, name: unit.fullName }, ...rest });
});

import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { getSeries } from "@/lib/server/dashboard/overview";

/** GET /api/v1/dashboard/series?unit=&year= — month by month: participants at each month's end (this year and last), new and lapsed. */
export const GET = apiRoute(async (req, p) => {
  const { unit, ...rest } = await getSeries(db(), p, Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json({ unit: { code: unit.code, level: unit.level, name: unit.fullName }, ...rest });
});

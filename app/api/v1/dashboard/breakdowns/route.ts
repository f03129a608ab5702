import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { getBreakdowns } from "@/lib/server/dashboard/breakdowns";

/** GET /api/v1/dashboard/breakdowns?unit=&date= — participants by subsidy group, sex, age band, occupation, payment period and method. */
export const GET = apiRoute(async (req, p) => {
  const { unit, ...rest } = await getBreakdowns(db(), p, Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json({ unit: { code: unit.code, level: unit.level, name: unit.fullName }, ...rest });
});

import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { getOverview } from "@/lib/server/dashboard/overview";

/** GET /api/v1/dashboard/overview?unit=&date= — a unit's figures on a date (lib/openapi/dashboard.ts). */
export const GET = apiRoute(async (req, p) => {
  const { unit, breadcrumbs: _b, ...rest } = await getOverview(db(), p, Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json({ unit: { code: unit.code, level: unit.level, name: unit.fullName }, ...rest });
});

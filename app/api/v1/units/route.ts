import { NextResponse } from "next/server";
import { todayInVietnam } from "@/lib/domain/dates";
import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { listChildrenWithStats, searchUnits } from "@/lib/server/units/browser";
import { unitsQuerySchema } from "@/lib/validation/unit-query";
import { queryErrorMap } from "@/lib/validation/query-errors";

/** GET /api/v1/units?parent=CODE — a unit in scope and its children with counts; ?q= — search by name. */
export const GET = apiRoute(async (req, p) => {
  const { parent, q } = unitsQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams), { error: queryErrorMap(p.locale) });
  if (q) return NextResponse.json({ units: await searchUnits(db(), p, q) });
  const r = await listChildrenWithStats(db(), p, parent ?? p.unitCode, todayInVietnam());
  return NextResponse.json(r);
});

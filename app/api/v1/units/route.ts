import { NextResponse } from "next/server";
import { z } from "zod";
import { todayInVietnam } from "@/lib/domain/dates";
import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { listChildrenWithStats, searchUnits } from "@/lib/server/units/browser";
import { queryErrorMap } from "@/lib/validation/query-errors";

const query = z.object({ parent: z.string().regex(/^[0-9A-Z]{2,5}$/).optional(), q: z.string().max(100).optional() });

/** GET /api/v1/units?parent=CODE — a unit in scope and its children with counts; ?q= — search by name. */
export const GET = apiRoute(async (req, p) => {
  const { parent, q } = query.parse(Object.fromEntries(req.nextUrl.searchParams), { error: queryErrorMap(p.locale) });
  if (q) return NextResponse.json({ units: await searchUnits(db(), p, q) });
  const r = await listChildrenWithStats(db(), p, parent ?? p.unitCode, todayInVietnam());
  return NextResponse.json(r);
});

import { todayInVietnam } from "@/lib/domain/dates";
import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { json } from "@/lib/server/enrollment/api";
import { idParam } from "@/lib/server/http/params";
import { getYearlyStatement } from "@/lib/server/paperwork/yearly-statements";

/** GET /api/v1/enrollees/{id}/statement?year= — the person's yearly statement (months, money, support, months still needed). */
export const GET = apiRoute<{ params: Promise<{ id: string }> }>(async (req, p, ctx) =>
  json(await getYearlyStatement(db(), p, idParam((await ctx.params).id), Object.fromEntries(req.nextUrl.searchParams), todayInVietnam())),
);

import { todayInVietnam } from "@/lib/domain/dates";
import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { json } from "@/lib/server/enrollment/api";
import { getYearlyStatements } from "@/lib/server/paperwork/yearly-statements";

/** GET /api/v1/statements?year=&agentId=|commune= — the yearly statements of an agent's or a commune's people. */
export const GET = apiRoute(async (req, p) => json(await getYearlyStatements(db(), p, Object.fromEntries(req.nextUrl.searchParams), todayInVietnam())));

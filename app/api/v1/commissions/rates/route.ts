import { todayInVietnam } from "@/lib/domain/dates";
import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { json } from "@/lib/server/enrollment/api";
import { readJsonBody } from "@/lib/server/http/body";
import { addCommissionRate, listCommissionRates } from "@/lib/server/paperwork/commissions";

/** GET /api/v1/commissions/rates — every commission-rate row with its state today (in force, future, past). */
export const GET = apiRoute(async (_req, p) => json(await listCommissionRates(db(), p, todayInVietnam())));

/** POST /api/v1/commissions/rates — add a row (national administrators; audited). Rows are never edited. */
export const POST = apiRoute(async (req, p) => json(await addCommissionRate(db(), p, await readJsonBody(req)), 201));

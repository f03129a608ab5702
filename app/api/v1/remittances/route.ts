import { todayInVietnam } from "@/lib/domain/dates";
import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { json } from "@/lib/server/enrollment/api";
import { readJsonBody } from "@/lib/server/http/body";
import { agentIdQuerySchema } from "@/lib/validation/paperwork";
import { listRemittances, recordRemittance } from "@/lib/server/paperwork/remittances";

/** GET /api/v1/remittances?agentId= — an agent's remittances and its balance today (collected − remitted, money held since). */
export const GET = apiRoute(async (req, p) => {
  const { agentId } = agentIdQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return json(await listRemittances(db(), p, agentId, todayInVietnam()));
});

/** POST /api/v1/remittances — record what an agent of the caller's scope remitted (remittanceSchema; audited). */
export const POST = apiRoute(async (req, p) => json({ remittance: await recordRemittance(db(), p, await readJsonBody(req)) }, 201));

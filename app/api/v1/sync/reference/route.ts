import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { json } from "@/lib/server/enrollment/api";
import { offlineReference } from "@/lib/server/sync/reference";

/** GET /api/v1/sync/reference — what a phone keeps for offline entry: its scope's communes and agents, the policy in force and the next known change. */
export const GET = apiRoute(async (_req, p) => json(await offlineReference(db(), p)));

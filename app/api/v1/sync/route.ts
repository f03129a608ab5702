import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { readJsonBody } from "@/lib/server/http/body";
import { json } from "@/lib/server/enrollment/api";
import { applySyncBatch } from "@/lib/server/sync/sync";
import { syncBatchSchema } from "@/lib/validation/sync";

/**
 * POST /api/v1/sync — a phone's offline queue (issue 12): { entries: [{ key, kind, enrolleeId?, coverageEndSeen?, data }] },
 * applied in order, each exactly once per idempotency key. 200 with one outcome per entry: accepted (with the
 * first result, `repeat` when the key had been accepted before) or refused (the conflict with the server's message).
 */
export const POST = apiRoute(async (req, p) => {
  const { entries } = syncBatchSchema.parse(await readJsonBody(req));
  return json({ results: await applySyncBatch(db(), p, entries) });
});

import { z } from "zod";
import { messages } from "@/lib/i18n/messages";
import { assertCan } from "@/lib/server/auth/authz";
import { apiRoute } from "@/lib/server/http/api";
import { readJsonBody } from "@/lib/server/http/body";
import { db } from "@/lib/server/db/index";
import { confirmStaged, ndjsonResponse } from "@/lib/server/imports/flow";

export const runtime = "nodejs";

const body = z.object({ jobId: z.string().regex(/^[a-f0-9]{24}$/) });

/** POST /api/imports/confirm {jobId} — imports the staged file's valid rows; streams NDJSON progress, then the result. */
export const POST = apiRoute(async (req, p) => {
  assertCan(p, "enrollee.write");
  const t = messages[p.locale];
  const { jobId } = body.parse(await readJsonBody(req));
  return ndjsonResponse((send) => confirmStaged(db(), p, jobId, t, send), t, p.locale);
});

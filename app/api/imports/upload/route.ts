import { messages } from "@/lib/i18n/messages";
import { assertCan } from "@/lib/server/auth/authz";
import { apiError, apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { ndjsonResponse, readUploadedFile, stageAndPreview, UploadError } from "@/lib/server/imports/flow";

export const runtime = "nodejs";

/** POST /api/imports/upload (multipart `file`) — stages the file and streams NDJSON: progress lines, then the preview.
 *  Under /api/ on purpose: the sign-in proxy does not run there, and a proxy truncates request bodies over 10 MB. */
export const POST = apiRoute(async (req, p) => {
  assertCan(p, "enrollee.write");
  const t = messages[p.locale];
  let file;
  try {
    file = await readUploadedFile(req, t);
  } catch (e) {
    if (e instanceof UploadError) return apiError(e.status, "invalid", e.message);
    throw e;
  }
  return ndjsonResponse((send) => stageAndPreview(db(), p, file, send), t, p.locale);
});

import { NextResponse } from "next/server";
import { getMessages } from "@/lib/i18n/server";
import { apiError, apiRoute } from "@/lib/server/http/api";
import { assertCan } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { importLabourForce } from "@/lib/server/reference";

/** POST multipart {file, commit: "0"|"1"} — check (and with commit=1 write) a labour-force file.
 *  A route handler rather than a server action: files can exceed the actions' 1 MB body limit. */
export const POST = apiRoute(async (req, p) => {
  assertCan(p, "reference.write");
  // the session cookie is SameSite=Lax; refuse cross-site posts all the same
  const origin = req.headers.get("origin");
  if (origin && new URL(origin).host !== req.headers.get("host")) return apiError(403, "forbidden", "Không có quyền / forbidden");
  const { locale, t } = await getMessages();
  const form = await req.formData();
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return apiError(400, "invalid", t.agents.ref.import.noFile);
  const result = await importLabourForce(db(), p, { name: file.name, data: new Uint8Array(await file.arrayBuffer()) }, { commit: form.get("commit") === "1", locale });
  return NextResponse.json(result);
});

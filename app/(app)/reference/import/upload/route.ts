import { NextResponse } from "next/server";
import { messages } from "@/lib/i18n/messages";
import { apiError, apiRoute } from "@/lib/server/http/api";
import { assertCan } from "@/lib/server/auth/authz";
import { db } from "@/lib/server/db/index";
import { importLabourForce } from "@/lib/server/reference/reference-data";
import { readLimitedFormData } from "@/lib/server/http/body";
import { defaultLimits, SpreadsheetError } from "@/lib/server/files/spreadsheet";

/** POST multipart {file, commit: "0"|"1"} — check (and with commit=1 write) a labour-force file.
 *  A route handler rather than a server action: files can exceed the actions' 1 MB body limit. */
export const POST = apiRoute(async (req, p) => {
  assertCan(p, "reference.write");
  // the session cookie is SameSite=Lax; refuse cross-site posts all the same
  const origin = req.headers.get("origin");
  if (origin && new URL(origin).host !== req.headers.get("host")) return apiError(403, "forbidden", "Không có quyền / forbidden");
  const locale = p.locale;
  const t = messages[locale];
  const max = defaultLimits().maxBytes;
  const tooLarge = () =>
    new SpreadsheetError(
      "too_large",
      `Tệp quá lớn: tối đa ${Math.round(max / 1024 / 1024)} MB.`,
      `The file is too large: at most ${Math.round(max / 1024 / 1024)} MB.`,
    );
  let form: FormData;
  try {
    form = await readLimitedFormData(req, max + 256 * 1024, tooLarge);
  } catch (e) {
    if (e instanceof SpreadsheetError) return apiError(413, "too_large", locale === "en" ? e.en : e.message);
    return apiError(400, "invalid", t.reference.import.noFile);
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return apiError(400, "invalid", t.reference.import.noFile);
  const result = await importLabourForce(
    db(),
    p,
    { name: file.name, data: new Uint8Array(await file.arrayBuffer()) },
    { commit: form.get("commit") === "1", locale },
  );
  return NextResponse.json(result);
});

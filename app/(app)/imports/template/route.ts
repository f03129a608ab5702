import { messages } from "@/lib/i18n/messages";
import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { importTemplate } from "@/lib/server/imports/template";

/** GET /imports/template?format=xlsx|csv — the import template with the caller's communes and agents. */
export const GET = apiRoute(async (req, p) => {
  const format = req.nextUrl.searchParams.get("format") === "csv" ? "csv" : "xlsx";
  const t = messages[p.locale];
  return importTemplate(db(), p, format, t);
});

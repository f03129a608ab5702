import { todayInVietnam } from "@/lib/domain/dates";
import { messages } from "@/lib/i18n/messages";
import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { renewalExport } from "@/lib/server/renewals/export";
import { readRenewalFilter } from "@/lib/validation/renewals";

/** GET /renewals/export?format=xlsx|csv&commune=&agent=&status= — the worklist as a file (scoped like the page). */
export const GET = apiRoute(async (req, p) => {
  const params = Object.fromEntries(req.nextUrl.searchParams);
  const format = params.format === "csv" ? "csv" : "xlsx";
  return renewalExport(db(), p, readRenewalFilter(params), format, messages[p.locale], todayInVietnam());
});

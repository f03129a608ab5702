import { messages } from "@/lib/i18n/messages";
import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { fileResponse } from "@/lib/server/files/spreadsheet";
import { exportDashboard } from "@/lib/server/dashboard/exports";

/** GET /dashboard/export?table=overview|series|league|at-risk|agents|breakdowns|all&format=xlsx|csv&unit=&date=&sort=&dir=
 *  — a dashboard table as a file, scoped like the page (out of scope: 404). */
export const GET = apiRoute(async (req, p) => {
  const file = await exportDashboard(db(), p, messages[p.locale], Object.fromEntries(req.nextUrl.searchParams));
  return fileResponse(file.body, file.filename, file.kind);
});

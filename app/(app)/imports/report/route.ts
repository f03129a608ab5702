import { z } from "zod";
import { messages } from "@/lib/i18n/messages";
import { AuthError } from "@/lib/server/auth/authz";
import { db } from "@/lib/server/db/index";
import { apiRoute } from "@/lib/server/http/api";
import { rejectedReport } from "@/lib/server/imports/flow";

const query = z.object({ job: z.string().regex(/^[a-f0-9]{24}$/), format: z.enum(["csv", "xlsx"]).default("xlsx") });

/** GET /imports/report?job=…&format=xlsx|csv — the rejected rows of the caller's own import, with reasons. */
export const GET = apiRoute(async (req, p) => {
  const { job, format } = query.parse(Object.fromEntries(req.nextUrl.searchParams));
  const t = messages[p.locale];
  const res = await rejectedReport(db(), p, job, format, t);
  if (!res) throw new AuthError(404, "not found");
  return res;
});

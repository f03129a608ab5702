import { todayInVietnam } from "@/lib/domain/dates";
import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { listEnrollees, registerEnrollee } from "@/lib/server/enrollment/enrollees";
import { json, withConflicts } from "@/lib/server/enrollment/api";
import { readJsonBody } from "@/lib/server/http/body";
import { enrolleeFilterSchema } from "@/lib/validation/enrollee-filter";

/** GET /api/v1/enrollees?q=&commune=&agent=&status=&group=&page=&pageSize= — search the caller's enrollees. */
export const GET = apiRoute(async (req, p) => {
  const filter = enrolleeFilterSchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return json(await listEnrollees(db(), p, filter, { today: todayInVietnam() }));
});

/** POST /api/v1/enrollees — register a person (registrationSchema), optionally with the first payment. */
export const POST = apiRoute(async (req, p) =>
  withConflicts(async () => {
    const r = await registerEnrollee(db(), p, await readJsonBody(req));
    return json({ enrollee: r.enrollee, payment: r.payment }, 201);
  }),
);

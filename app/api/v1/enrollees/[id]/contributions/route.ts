import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { getEnrollee } from "@/lib/server/enrollment/enrollees";
import { recordPayment } from "@/lib/server/enrollment/contributions";
import { json, withConflicts } from "@/lib/server/enrollment/api";
import { readJsonBody } from "@/lib/server/http/body";
import { idParam } from "@/lib/server/http/params";

type Ctx = { params: Promise<{ id: string }> };

/** GET /api/v1/enrollees/{id}/contributions — every contribution of one enrollee. */
export const GET = apiRoute<Ctx>(async (_req, p, ctx) => {
  const { id } = await ctx.params;
  const e = await getEnrollee(db(), p, idParam(id));
  return json({ contributions: e.contributions, coverageEnd: e.coverageEnd, status: e.status });
});

/** POST /api/v1/enrollees/{id}/contributions — record a payment (paymentSchema). */
export const POST = apiRoute<Ctx>(async (req, p, ctx) =>
  withConflicts(async () => {
    const { id } = await ctx.params;
    return json({ contribution: await recordPayment(db(), p, idParam(id), await readJsonBody(req)) }, 201);
  }),
);

import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { getEnrollee, updateEnrollee } from "@/lib/server/enrollment/enrollees";
import { json, withConflicts } from "@/lib/server/enrollment/api";
import { readJsonBody } from "@/lib/server/http/body";
import { idParam } from "@/lib/server/http/params";

type Ctx = { params: Promise<{ id: string }> };

/** GET /api/v1/enrollees/{id} — the person, every contribution and the audit trail (404 outside the scope). */
export const GET = apiRoute<Ctx>(async (_req, p, ctx) => {
  const { id } = await ctx.params;
  const e = await getEnrollee(db(), p, idParam(id));
  return json({ enrollee: e });
});

/** PATCH /api/v1/enrollees/{id} — replace the person's fields (enrolleeUpdateSchema, with the version read). */
export const PATCH = apiRoute<Ctx>(async (req, p, ctx) =>
  withConflicts(async () => {
    const { id } = await ctx.params;
    return json({ enrollee: await updateEnrollee(db(), p, idParam(id), await readJsonBody(req)) });
  }),
);

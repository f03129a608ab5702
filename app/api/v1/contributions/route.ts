import { z } from "zod";
import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { findEnrolleeByPersonalId } from "@/lib/server/enrollment/enrollees";
import { recordPayment } from "@/lib/server/enrollment/contributions";
import { json, withConflicts } from "@/lib/server/enrollment/api";
import { readJsonBody } from "@/lib/server/http/body";
import { AuthError } from "@/lib/server/auth/authz";

const target = z.object({ personalId: z.string().trim().min(1).max(20) }, { error: "personalId" });

/**
 * POST /api/v1/contributions — record a payment for the enrollee with this personal ID number
 * (what a collection system knows): { personalId, ...paymentSchema }. 404 when not in the caller's scope.
 */
export const POST = apiRoute(async (req, p) =>
  withConflicts(async () => {
    const body = await readJsonBody(req);
    const { personalId } = target.parse(body);
    const e = await findEnrolleeByPersonalId(db(), p, personalId);
    if (!e) throw new AuthError(404, "not found");
    return json({ contribution: await recordPayment(db(), p, e.id, body) }, 201);
  }),
);

import { todayInVietnam } from "@/lib/domain/dates";
import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { json } from "@/lib/server/enrollment/api";
import { idParam } from "@/lib/server/http/params";
import { deleteCommissionRate } from "@/lib/server/paperwork/commissions";

/** DELETE /api/v1/commissions/rates/{id} — delete a row not yet in force (national administrators; audited); a row in force: 409. */
export const DELETE = apiRoute<{ params: Promise<{ id: string }> }>(async (_req, p, ctx) => {
  const id = idParam((await ctx.params).id);
  await deleteCommissionRate(db(), p, id, todayInVietnam());
  return json({ id });
});

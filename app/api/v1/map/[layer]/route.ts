import { apiError, apiRoute } from "@/lib/server/http/api";
import { assertCan } from "@/lib/server/auth/authz";
import { mapLayer } from "@/lib/server/dashboard/map-geometry";

/**
 * GET /api/v1/map/provinces — the 34 provinces; GET /api/v1/map/{provinceCode} — that province's
 * communes. TopoJSON (public administrative geometry, no data; prisma/data/README.md), cached by the browser.
 */
export const GET = apiRoute(async (_req, p, ctx: { params: Promise<{ layer: string }> }) => {
  assertCan(p, "unit.read");
  const { layer } = await ctx.params;
  const json = mapLayer(layer);
  if (!json) return apiError(404, "not_found", "Không có bản đồ này / no such map layer");
  return new Response(json, { headers: { "content-type": "application/json; charset=utf-8", "cache-control": "private, max-age=86400" } });
});

import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { personQr } from "@/lib/server/field/person";

type Ctx = { params: Promise<{ id: string }> };

/** GET /field/{id}/qr — the person's VietQR image (SVG) for the worklist and the printed call list; 204 when the agent has no collection account. */
export const GET = apiRoute<Ctx>(async (_req, p, ctx) => {
  const svg = await personQr(db(), p, Number((await ctx.params).id));
  if (!svg) return new Response(null, { status: 204 });
  return new Response(svg, { headers: { "content-type": "image/svg+xml; charset=utf-8", "cache-control": "private, max-age=300" } });
});

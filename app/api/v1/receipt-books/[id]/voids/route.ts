import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { json } from "@/lib/server/enrollment/api";
import { readJsonBody } from "@/lib/server/http/body";
import { idParam } from "@/lib/server/http/params";
import { voidReceipt } from "@/lib/server/paperwork/receipt-books";

/** POST /api/v1/receipt-books/{id}/voids — void one number of the book with a reason ({ number, reason }; audited). */
export const POST = apiRoute<{ params: Promise<{ id: string }> }>(async (req, p, ctx) =>
  json({ book: await voidReceipt(db(), p, idParam((await ctx.params).id), await readJsonBody(req)) }, 201),
);

import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { json } from "@/lib/server/enrollment/api";
import { idParam } from "@/lib/server/http/params";
import { getReceiptBook } from "@/lib/server/paperwork/receipt-books";

/** GET /api/v1/receipt-books/{id} — one book's account. */
export const GET = apiRoute<{ params: Promise<{ id: string }> }>(async (_req, p, ctx) =>
  json({ book: await getReceiptBook(db(), p, idParam((await ctx.params).id)) }),
);

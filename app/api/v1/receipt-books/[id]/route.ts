import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { idParam, json } from "@/lib/server/enrollment/api";
import { getReceiptBook } from "@/lib/server/paperwork/receipt-books";

/** GET /api/v1/receipt-books/{id} — one book's account. */
export const GET = apiRoute<{ params: Promise<{ id: string }> }>(async (_req, p, ctx) => json({ book: await getReceiptBook(db(), p, idParam((await ctx.params).id)) }));

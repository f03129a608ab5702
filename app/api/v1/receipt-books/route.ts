import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { json } from "@/lib/server/enrollment/api";
import { readJsonBody } from "@/lib/server/http/body";
import { agentIdQuerySchema } from "@/lib/validation/paperwork";
import { createReceiptBook, listReceiptBooks } from "@/lib/server/paperwork/receipt-books";

/** GET /api/v1/receipt-books?agentId= — an agent's receipt books, each with its account (used, unused, voided, gaps, duplicates). */
export const GET = apiRoute(async (req, p) => {
  const { agentId } = agentIdQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return json(await listReceiptBooks(db(), p, agentId));
});

/** POST /api/v1/receipt-books — issue a book to an agent of the caller's scope (receiptBookSchema). */
export const POST = apiRoute(async (req, p) => json({ book: await createReceiptBook(db(), p, await readJsonBody(req)) }, 201));

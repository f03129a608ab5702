import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { listUsers } from "@/lib/server/auth/users";
import { userFilterSchema } from "@/lib/validation/user";
import { queryErrorMap } from "@/lib/validation/query-errors";

/** GET /api/v1/users?q=&role=&state=&page= — the accounts of the caller's scope (admins only). Never returns password hashes. */
export const GET = apiRoute(async (req, p) => {
  const f = userFilterSchema.parse(Object.fromEntries(req.nextUrl.searchParams), { error: queryErrorMap(p.locale) });
  return NextResponse.json(await listUsers(db(), p, f));
});

import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { getRetention } from "@/lib/server/dashboard/retention";

/** GET /api/v1/retention?unit=&date=&by=&agent= — renewal rates (docs/features/field-work.md) and lapse reasons. */
export const GET = apiRoute(async (req, p) => NextResponse.json(await getRetention(db(), p, Object.fromEntries(req.nextUrl.searchParams))));

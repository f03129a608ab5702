import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { fileResponse } from "@/lib/server/files/spreadsheet";
import { commissionFilename, commissionWorkbook, getCommissionStatement } from "@/lib/server/paperwork/commissions";

/** GET /api/v1/commissions?agentId=&month=yyyy-mm&mode=collected|remitted&collectorId=&format=json|xlsx — an agent's (or collector's) monthly commission statement. */
export const GET = apiRoute(async (req, p) => {
  const query = Object.fromEntries(req.nextUrl.searchParams);
  const s = await getCommissionStatement(db(), p, query);
  if (query.format === "xlsx") return fileResponse(await commissionWorkbook(s), commissionFilename(s), "xlsx");
  return NextResponse.json(s);
});

import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { fileResponse } from "@/lib/server/files/spreadsheet";
import { getD05List } from "@/lib/server/paperwork/d05";
import { d05Filename, d05Workbook } from "@/lib/server/paperwork/d05-xlsx";

/** GET /api/v1/d05?agentId=|unit=&month=yyyy-mm|from=&to=&format=json|xlsx — the D05-TS list of an agent or a unit
 *  in the caller's scope (out of scope: 404), as JSON or as the form's Excel file. */
export const GET = apiRoute(async (req, p) => {
  const params = Object.fromEntries(req.nextUrl.searchParams);
  const list = await getD05List(db(), p, params);
  if (params.format === "xlsx") return fileResponse(await d05Workbook(list), d05Filename(list), "xlsx");
  return NextResponse.json(list);
});

import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/openapi";

// Public: the API's description, no data.
export function GET() {
  return NextResponse.json(openApiDocument());
}

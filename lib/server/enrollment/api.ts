import "server-only";
// Glue between the enrollment route handlers and apiRoute (lib/server/http/api.ts): rule failures that are conflicts with existing data (a taken ID
// number, a possible duplicate to confirm, a stale version, a taken receipt) answer 409 rather than 400.
import { NextResponse } from "next/server";
import { z } from "zod";
import { apiError, zodFields } from "../http/api";

const CONFLICT_CODES = new Set(["DUPLICATE_PERSONAL_ID", "DUPLICATE_SI_CODE", "POSSIBLE_DUPLICATE", "STALE", "HAS_CONTRIBUTIONS", "RECEIPT_TAKEN"]);

/** Runs the handler body; a ZodError carrying a conflict code becomes 409, other errors go on to apiRoute. */
export async function withConflicts(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (e) {
    if (
      e instanceof z.ZodError &&
      e.issues.some((i) => i.code === "custom" && CONFLICT_CODES.has(String((i as { params?: { code?: string } }).params?.code)))
    ) {
      return apiError(409, "conflict", "Xung đột với dữ liệu đã có / conflicts with existing data", zodFields(e));
    }
    throw e;
  }
}

export const json = (body: unknown, status = 200) => NextResponse.json(body, { status });

import { NextResponse } from "next/server";
import { messages } from "@/lib/i18n/messages";
import { assertCan } from "@/lib/server/auth/authz";
import { apiError, apiRoute } from "@/lib/server/http/api";
import { db } from "@/lib/server/db/index";
import { importErrorMessage, readUploadedFile, UploadError } from "@/lib/server/imports/flow";
import { previewImport, runImport, type ImportSummary } from "@/lib/server/imports/imports";

export const runtime = "nodejs";

const issues = (list: ImportSummary["errors"]) => list.map(({ line, name, field, column, message }) => ({ line, name, field, column, message }));
/** rows skipped because the person is already registered in the caller's own area, with the record's id and API path */
const skipped = (list: ImportSummary["skipped"]) =>
  list.map(({ line, name, existingId }) => ({ line, name, existingId, href: `/api/v1/enrollees/${existingId}` }));

/**
 * POST /api/v1/imports — a CSV/XLSX file (multipart field `file`, or the raw body with `?name=file.csv`).
 * `?dryRun=true`: validate only → 200 {total, valid, duplicates, rejected, warned, errors:[{line, name, field, column, message}], warnings:[…],
 * skipped:[{line, name, existingId, href}]} — every problem of a row is listed (one entry each).
 * Warnings (same name and date of birth as someone in the province) do not reject the row.
 * Otherwise: import the valid rows in one transaction → 201 {created, contributions, …}.
 */
export const POST = apiRoute(async (req, p) => {
  assertCan(p, "enrollee.write");
  const t = messages[p.locale];
  const dryRun = ["1", "true"].includes(req.nextUrl.searchParams.get("dryRun") ?? "");
  try {
    const file = await readUploadedFile(req, t);
    if (dryRun) {
      const s = await previewImport(db(), p, file);
      return NextResponse.json({
        dryRun: true,
        fileName: s.fileName,
        total: s.total,
        valid: s.valid,
        duplicates: s.duplicates,
        rejected: s.rejected,
        withPayments: s.withPayments,
        warned: s.warned,
        errors: issues(s.errors),
        warnings: issues(s.warnings),
        skipped: skipped(s.skipped),
      });
    }
    const r = await runImport(db(), p, file);
    return NextResponse.json(
      {
        dryRun: false,
        fileName: r.fileName,
        total: r.total,
        created: r.created,
        contributions: r.contributions,
        duplicates: r.duplicates,
        rejected: r.rejected,
        warned: r.warned,
        auditId: r.auditId,
        errors: issues(r.errors),
        warnings: issues(r.warnings),
        skipped: skipped(r.skipped),
      },
      { status: 201 },
    );
  } catch (e) {
    if (e instanceof UploadError) return apiError(e.status, "invalid", e.message);
    const message = importErrorMessage(e, p.locale);
    if (message) return apiError(400, "invalid", message);
    throw e;
  }
});

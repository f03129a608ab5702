// GET /audit/export?format=csv|xlsx&<the page's filters> — the filtered audit log as a file.
import type { NextRequest } from "next/server";
import { todayInVietnam } from "@/lib/domain/dates";
import { formatNumber } from "@/lib/i18n/format";
import { fill } from "@/lib/i18n/messages";
import { trustEn, trustVi } from "@/lib/i18n/areas/trust";
import { auditFilterSchema, auditFilterValues } from "@/lib/validation/audit-filter";
import { apiError, apiRoute } from "@/lib/server/http/api";
import { assertCan } from "@/lib/server/auth/authz";
import { db } from "@/lib/server/db/index";
import { writeAudit } from "@/lib/server/trust/audit";
import { AuditExportTooLarge, AuditFilterError, exportAuditLog } from "@/lib/server/trust/audit-log";
import { auditExportTable } from "@/lib/server/trust/audit-export";
import { fileResponse, toCsv, toXlsx } from "@/lib/server/files/spreadsheet";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (req: NextRequest, p) => {
  assertCan(p, "audit.read");
  const locale = p.locale;
  const t = (locale === "en" ? trustEn : trustVi).audit;
  const sp = Object.fromEntries(req.nextUrl.searchParams);
  const format = sp.format === "xlsx" ? "xlsx" : "csv";
  const filter = auditFilterSchema(t.v).parse(auditFilterValues(sp)); // a bad filter: 400 with the fields
  let rows;
  try {
    rows = await exportAuditLog(db(), p, filter);
  } catch (e) {
    if (e instanceof AuditFilterError) return apiError(400, "invalid", t.v.unitNotFound, [{ path: "unit", message: t.v.unitNotFound }]);
    if (e instanceof AuditExportTooLarge) return apiError(400, "invalid", fill(t.exportTooLarge, { n: formatNumber(e.max, locale) }));
    throw e;
  }
  // in the words the page shows, in the user's language (lib/server/trust/audit-export.ts)
  const { columns, data } = await auditExportTable(db(), rows, locale);
  // exporting the log is itself recorded (who took a copy of what)
  await writeAudit(db(), p, { action: "audit.export", entity: "AuditLog", unitCode: p.unitCode, after: { format, filter, rows: rows.length } });
  const name = `${t.exportFile}-${todayInVietnam()}.${format}`;
  return format === "xlsx"
    ? fileResponse(await toXlsx([{ name: t.exportSheet, columns, rows: data, title: t.title }]), name, "xlsx")
    : fileResponse(toCsv(columns, data), name, "csv");
});

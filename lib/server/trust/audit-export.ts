// The audit log as a spreadsheet, in the words the page shows (issue 15 item 7): action names, the kind
// of subject and the subject by name, local time dd/mm/yyyy HH:mm, field labels and formatted values
// instead of action codes, column names and JSON — in the user's language.
import { isAuditAction } from "@/lib/domain/audit-actions";
import { auditLedgerEn, auditLedgerVi, trustEn, trustVi } from "@/lib/i18n/areas/trust";
import { ledgerLine } from "@/lib/i18n/audit-ledger-values";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locale";
import type { DbTx } from "../db/client";
import type { Column } from "../files/spreadsheet";
import type { AuditRow } from "./audit-log";
import { auditSubjects } from "./audit-subjects";

export type AuditExportRow = Record<
  "at" | "userLogin" | "unitCode" | "unitName" | "action" | "entity" | "subject" | "entityId" | "changes" | "before" | "after",
  string
> & { id: number };

/** The columns and rows of the export (rows as read by exportAuditLog, already in the caller's scope). */
export async function auditExportTable(db: DbTx, rows: AuditRow[], locale: Locale): Promise<{ columns: Column[]; data: AuditExportRow[] }> {
  const L = locale === "en" ? auditLedgerEn : auditLedgerVi;
  const c = (locale === "en" ? trustEn : trustVi).audit.exportColumns;
  const columns: Column[] = [
    { key: "id", label: c.id, type: "number" },
    { key: "at", label: c.at },
    { key: "userLogin", label: c.userLogin },
    { key: "unitCode", label: c.unitCode },
    { key: "unitName", label: c.unitName },
    { key: "action", label: c.action },
    { key: "entity", label: c.entity },
    { key: "subject", label: c.subject },
    { key: "entityId", label: c.entityId },
    { key: "changes", label: c.changes },
    { key: "before", label: c.before },
    { key: "after", label: c.after },
  ];
  const subjects = new Map<number, string>();
  // the subjects are named a few thousand rows at a time (one query per kind of entity each)
  for (let i = 0; i < rows.length; i += 2_000) for (const [k, v] of await auditSubjects(db, rows.slice(i, i + 2_000), L, locale)) subjects.set(k, v);
  const data = rows.map((r): AuditExportRow => ({
    id: r.id,
    at: formatDateTime(r.at),
    userLogin: r.userLogin ?? "",
    unitCode: r.unitCode ?? "",
    unitName: r.unitName ?? "",
    action: isAuditAction(r.action) ? L.actions[r.action] : r.action,
    entity: L.entities[r.entity] ?? r.entity,
    subject: subjects.get(r.id) ?? "",
    entityId: r.entityId ?? "",
    changes: ledgerLine("changes", r.before, r.after, locale, L),
    before: ledgerLine("before", r.before, r.after, locale, L),
    after: ledgerLine("after", r.before, r.after, locale, L),
  }));
  return { columns, data };
}

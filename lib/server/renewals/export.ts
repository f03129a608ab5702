// The renewal worklist as XLSX/CSV, through the shared spreadsheet module.
import "server-only";
import { fill, type Messages } from "@/lib/i18n/messages";
import { formatDate } from "@/lib/i18n/format";
import type { IsoDate } from "@/lib/domain/dates";
import type { RenewalFilter } from "@/lib/validation/renewals";
import type { DbTx } from "../db/client";
import type { Principal } from "../auth/authz";
import { listRenewals } from "./renewals";
import { fileResponse, toCsv, toXlsx, type Column } from "../files/spreadsheet";

export async function renewalExport(db: DbTx, p: Principal, filter: RenewalFilter, format: "csv" | "xlsx", t: Messages, on: IsoDate): Promise<Response> {
  const r = t.renewals;
  const list = await listRenewals(db, p, filter, { on });
  const columns: Column[] = [
    { key: "no", label: r.no, type: "number" },
    { key: "fullName", label: r.fullName },
    { key: "personalId", label: r.personalId },
    { key: "dateOfBirth", label: r.dateOfBirth, type: "date" },
    { key: "phone", label: r.phone },
    { key: "address", label: r.address },
    { key: "communeName", label: r.commune },
    { key: "agentName", label: r.agent },
    { key: "coverageEnd", label: r.coverageEnd, type: "date" },
    { key: "status", label: r.status },
    { key: "daysLeft", label: r.daysLeft, type: "number" },
    { key: "period", label: r.period },
    { key: "months", label: r.months, type: "number" },
    { key: "declaredIncome", label: r.declaredIncome, type: "money" },
    { key: "gross", label: r.gross, type: "money" },
    { key: "subsidy", label: r.subsidy, type: "money" },
    { key: "amountDue", label: r.amountDue, type: "money" },
  ];
  const rows = list.rows.map((row, i) => ({
    ...row,
    no: i + 1,
    status: t.enrollment.status[row.status],
    period: t.enrollment.period[row.paymentPeriod],
  }));
  const scope = [list.commune?.fullName ?? list.unitName, list.agent?.name].filter(Boolean).join(" - ");
  const name = `${r.fileName} ${scope} ${on}`;
  if (format === "csv") return fileResponse(toCsv(columns, rows), `${name}.csv`, "csv");
  const title = `${r.printTitle} — ${scope} — ${fill(r.printDate, { date: formatDate(on) })}`;
  return fileResponse(await toXlsx([{ name: r.sheetName, title, columns, rows }]), `${name}.xlsx`, "xlsx");
}

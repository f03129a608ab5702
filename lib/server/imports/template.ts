// The downloadable import template: Vietnamese headers and one example row (XLSX and CSV); the XLSX
// adds a guide sheet and the caller's communes, agents and recent outreach conferences, so staff need
// not look codes up elsewhere.
import "server-only";
import { isAgentSelectable } from "@/lib/domain/agent-status";
import { fromIsoDate, toIsoDate, todayInVietnam, type IsoDate } from "@/lib/domain/dates";
import { enrollmentVi } from "@/lib/i18n/areas/enrollment";
import { importsVi } from "@/lib/i18n/areas/imports";
import { fill, type Messages } from "@/lib/i18n/messages";
import { formatDate } from "@/lib/i18n/format";
import type { DbTx } from "../db/client";
import { assertCan, scopeWhere, type Principal } from "../auth/authz";
import { choicesOf, IMPORT_FIELDS, REQUIRED_FIELDS, TEMPLATE_EXAMPLE_ID, type ImportField } from "./imports";
import { fileResponse, toCsv, toXlsx, type Column } from "../files/spreadsheet";

export async function importTemplate(db: DbTx, p: Principal, format: "csv" | "xlsx", t: Messages, today: IsoDate = todayInVietnam()): Promise<Response> {
  assertCan(p, "enrollee.write");
  const it = t.imports;
  const [communes, agents, conferences] = await Promise.all([
    db.unit.findMany({ where: { level: "COMMUNE", ...scopeWhere(p.scope) }, select: { code: true, fullName: true }, orderBy: { code: "asc" }, take: 5_000 }),
    db.collectionAgent.findMany({
      where: scopeWhere(p.scope),
      select: {
        code: true,
        name: true,
        status: true,
        contractStart: true,
        contractEnd: true,
        communes: { select: { communeCode: true }, orderBy: { communeCode: "asc" } },
      },
      orderBy: { code: "asc" },
      take: 5_000,
    }),
    // the conferences of the last two years (as the form lists recent ones), newest first
    db.outreachConference.findMany({
      where: { ...scopeWhere(p.scope), heldOn: { gte: fromIsoDate(`${Number(today.slice(0, 4)) - 2}${today.slice(4)}`) } },
      select: { id: true, heldOn: true, title: true, communeCode: true },
      orderBy: [{ heldOn: "desc" }, { id: "desc" }],
      take: 5_000,
    }),
  ]);
  const commune = communes[0];
  const agent = agents.find((a) => isAgentSelectable(a, today) && a.communes.some((c) => c.communeCode === commune?.code));
  const vi = enrollmentVi;
  const day = formatDate(today);
  // a complete, valid-looking row; its ID is refused on import ("delete the example row")
  const example: Record<ImportField, string> = {
    personalId: TEMPLATE_EXAMPLE_ID,
    siCode: "",
    fullName: "Nguyễn Thị Mẫu",
    dateOfBirth: "20/05/1990",
    sex: vi.sex.FEMALE,
    phone: "0912345678",
    communeCode: commune?.code ?? "",
    address: `Số 1, ${commune?.fullName ?? ""}`,
    occupation: vi.occupation.SELF_EMPLOYED,
    subsidyGroup: vi.subsidyGroup.OTHER,
    declaredIncome: "1500000",
    paymentPeriod: vi.period.ANNUAL,
    months: "",
    agentCode: agent?.code ?? "",
    conferenceId: "",
    enrolledOn: day,
    method: agent ? vi.method.CASH : "",
    receiptNo: agent ? "BL-000001" : "",
    paidOn: agent ? day : "",
    oldCommuneCode: "",
    nationality: "Việt Nam",
    ethnicity: "Kinh",
    email: "",
  };
  // every column is text, so Excel keeps the leading zeros of ID numbers and phones as typed
  const columns: Column[] = IMPORT_FIELDS.map((f) => ({ key: f, label: importsVi.headers[f] }));
  const name = it.templateFileName;
  if (format === "csv") return fileResponse(toCsv(columns, [example]), `${name}.csv`, "csv");

  const choices = (f: ImportField) => (f === "occupation" || f === "subsidyGroup" || f === "paymentPeriod" || f === "method" ? choicesOf(f, "vi") : "");
  const guide = IMPORT_FIELDS.map((f) => ({
    column: importsVi.headers[f],
    required: REQUIRED_FIELDS.includes(f) ? it.yes : it.no,
    description: fill(it.columns[f], { choices: choices(f) }),
  }));
  const buf = await toXlsx([
    { name: importsVi.templateSheet, columns, rows: [example] },
    {
      name: it.guideSheet,
      title: it.guideNote,
      columns: [
        { key: "column", label: it.guideColumn },
        { key: "required", label: it.guideRequired },
        { key: "description", label: it.guideDescription },
      ],
      rows: guide,
    },
    {
      name: it.communesSheet,
      columns: [
        { key: "code", label: it.code },
        { key: "fullName", label: it.name },
      ],
      rows: communes,
    },
    {
      name: it.agentsSheet,
      columns: [
        { key: "code", label: it.code },
        { key: "name", label: it.name },
        { key: "communes", label: it.agentCommunes },
        { key: "status", label: it.agentStatus },
      ],
      rows: agents.map((a) => ({
        code: a.code,
        name: a.name,
        communes: a.communes.map((c) => c.communeCode).join(", "),
        status: isAgentSelectable(a, today) ? it.agentActive : it.agentInactive,
      })),
    },
    {
      name: it.conferencesSheet,
      columns: [
        { key: "id", label: it.code },
        { key: "heldOn", label: it.heldOn },
        { key: "title", label: it.name },
        { key: "communeCode", label: it.conferenceCommune },
      ],
      rows: conferences.map((c) => ({ id: String(c.id), heldOn: formatDate(toIsoDate(c.heldOn)), title: c.title, communeCode: c.communeCode })),
    },
  ]);
  return fileResponse(buf, `${name}.xlsx`, "xlsx");
}

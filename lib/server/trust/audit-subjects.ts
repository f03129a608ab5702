// What each audit entry is about, by name: "Chỉ tiêu 2026 · Quận Ba Đình", "Nguyễn Văn An",
// "Đại lý Bưu điện Ba Đình (BD-01)" — not "Target #4616". One query per kind of entity on the page
// (the rows are already in the caller's scope); a deleted subject is named from the entry's own
// before/after, and anything unknown falls back to the entity's label and id.
import { fill } from "@/lib/i18n/messages";
import type { auditLedgerVi } from "@/lib/i18n/areas/trust";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/messages";
import type { DbTx } from "../db/client";
import type { AuditRow } from "./audit-log";

type Ledger = typeof auditLedgerVi;
type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : typeof v === "number" ? String(v) : undefined);

function ids(rows: AuditRow[], entity: string): number[] {
  return [...new Set(rows.filter((r) => r.entity === entity && r.entityId && /^\d+$/.test(r.entityId)).map((r) => Number(r.entityId)))];
}

/** The subject of every row, by row id. */
export async function auditSubjects(db: DbTx, rows: AuditRow[], L: Ledger, locale: Locale): Promise<Map<number, string>> {
  const unitCodes = new Set<string>();
  for (const r of rows) {
    const j = { ...obj(r.before), ...obj(r.after) };
    if (r.entity === "Target" && typeof j.unitCode === "string") unitCodes.add(j.unitCode);
    if (r.entity === "LabourForce" && r.entityId) unitCodes.add(r.entityId.split("/")[0]);
  }
  const [targets, enrollees, agents, collectors, conferences, users, tokens] = await Promise.all([
    db.target.findMany({
      where: { id: { in: ids(rows, "Target") } },
      select: { id: true, year: true, unitCode: true, agentId: true, unit: { select: { fullName: true } }, agent: { select: { name: true, code: true } } },
    }),
    db.enrollee.findMany({ where: { id: { in: ids(rows, "Enrollee") } }, select: { id: true, fullName: true } }),
    db.collectionAgent.findMany({ where: { id: { in: ids(rows, "CollectionAgent") } }, select: { id: true, name: true, code: true } }),
    db.collector.findMany({ where: { id: { in: ids(rows, "Collector") } }, select: { id: true, name: true, agent: { select: { name: true } } } }),
    db.outreachConference.findMany({ where: { id: { in: ids(rows, "OutreachConference") } }, select: { id: true, title: true, heldOn: true } }),
    db.user.findMany({ where: { id: { in: ids(rows, "User") } }, select: { id: true, login: true, name: true } }),
    db.apiToken.findMany({ where: { id: { in: ids(rows, "ApiToken") } }, select: { id: true, name: true, user: { select: { login: true } } } }),
  ]);
  const units = unitCodes.size ? await db.unit.findMany({ where: { code: { in: [...unitCodes] } }, select: { code: true, fullName: true } }) : [];
  const unitName = new Map(units.map((u) => [u.code, u.fullName]));
  const target = new Map(
    targets.map((t) => [t.id, fill(L.subject.target, { year: t.year, who: t.unit?.fullName ?? (t.agent ? `${t.agent.name} (${t.agent.code})` : "") })]),
  );
  const enrollee = new Map(enrollees.map((e) => [e.id, e.fullName]));
  const agent = new Map(agents.map((a) => [a.id, `${a.name} (${a.code})`]));
  const collector = new Map(collectors.map((c) => [c.id, `${c.name} · ${c.agent.name}`]));
  const conference = new Map(conferences.map((c) => [c.id, `${c.title} · ${formatDate(c.heldOn)}`]));
  const user = new Map(users.map((u) => [u.id, `${u.name} (${u.login})`]));
  const token = new Map(tokens.map((t) => [t.id, `${t.name} · ${t.user.login}`]));

  const out = new Map<number, string>();
  for (const r of rows) {
    const id = r.entityId && /^\d+$/.test(r.entityId) ? Number(r.entityId) : NaN;
    const j = { ...obj(r.before), ...obj(r.after) };
    let s: string | undefined;
    switch (r.entity) {
      case "Target":
        s =
          target.get(id) ??
          (j.year
            ? fill(L.subject.target, { year: String(j.year), who: unitName.get(String(j.unitCode)) ?? str(j.agentName) ?? str(j.unitCode) ?? "" })
            : undefined);
        break;
      case "Enrollee":
        s =
          enrollee.get(id) ??
          str(j.fullName) ??
          (r.action === "enrollee.import" && str(j.fileName) ? fill(L.subject.import, { file: str(j.fileName)! }) : undefined);
        break;
      case "CollectionAgent":
        s = agent.get(id) ?? (str(j.name) && `${j.name}${j.code ? ` (${j.code})` : ""}`) ?? undefined;
        break;
      case "Collector":
        s = collector.get(id) ?? str(j.name);
        break;
      case "OutreachConference":
        s = conference.get(id) ?? str(j.title);
        break;
      case "User":
        s = user.get(id) ?? str(j.login);
        break;
      case "ApiToken":
        s = token.get(id) ?? str(j.name);
        break;
      case "LabourForce": {
        const [code, year] = (r.entityId ?? "").split("/");
        s =
          code && year ? fill(L.subject.labourForce, { year, who: unitName.get(code) ?? code }) : str(j.file) && fill(L.subject.import, { file: str(j.file)! });
        break;
      }
      case "AuditLog":
        s = typeof j.rows === "number" ? fill(L.subject.export, { n: formatNumber(j.rows, locale) }) : undefined;
        break;
      default:
        // policy rows: their date or year
        s = str(j.effectiveFrom)
          ? fill(L.subject.from, { date: formatDate(str(j.effectiveFrom)!) })
          : j.year
            ? fill(L.subject.year, { year: String(j.year) })
            : undefined;
    }
    const label = L.entities[r.entity] ?? r.entity;
    out.set(
      r.id,
      s
        ? ["Target", "LabourForce", "AuditLog"].includes(r.entity) || r.action === "enrollee.import"
          ? s
          : `${label}: ${s}`
        : r.entityId
          ? `${label} #${r.entityId}`
          : label,
    );
  }
  return out;
}

import type { AuditAction } from "@/lib/domain/audit-actions";
import type { DbTx } from "../db/client";
import type { Principal } from "../auth/authz";

export type AuditEntry = {
  /** entity.verb, e.g. "enrollee.update" — one of lib/domain/audit-actions.ts (each has a label in the log) */
  action: AuditAction;
  entity: string;
  entityId?: string | number | null;
  unitCode?: string | null;
  before?: unknown;
  after?: unknown;
};

/** Appends an audit entry; call it inside the same transaction as the change it records. */
export async function writeAudit(tx: DbTx, who: Pick<Principal, "userId" | "login"> | null, e: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      userId: who?.userId ?? null,
      userLogin: who?.login ?? null,
      unitCode: e.unitCode ?? null,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId == null ? null : String(e.entityId),
      before: e.before === undefined ? undefined : toJson(e.before),
      after: e.after === undefined ? undefined : toJson(e.after),
    },
  });
}

// Dates → ISO strings; drop secrets so they never reach the log.
function toJson(v: unknown): object {
  return JSON.parse(JSON.stringify(v, (k, val) => (k === "passwordHash" || k === "tokenHash" ? undefined : val)));
}

// Every kind of audit entry the application writes (lib/server/trust/audit.ts AuditEntry.action is this
// type, so a new kind fails the type-check until it is listed here — and the audit log's labels
// (lib/i18n/areas/trust.ts, `auditLedger`) are a Record over it, so it needs a label in both languages too;
// tests/unit/audit-labels.test.ts also scans the sources for kinds written outside this list).
export const AUDIT_ACTIONS = [
  "auth.login",
  "auth.login_failed",
  "audit.export",
  "enrollee.create",
  "enrollee.update",
  "enrollee.delete",
  "enrollee.import",
  "contribution.create",
  "target.create",
  "target.update",
  "target.allocate",
  "target.lock",
  "target.reopen",
  "agent.create",
  "agent.update",
  "agent.suspend",
  "agent.reactivate",
  "agent.end",
  "collector.create",
  "collector.update",
  "conference.create",
  "conference.update",
  "conference.delete",
  "labourForce.update",
  "labourForce.import",
  "policy.parameter.create",
  "policy.subsidy.create",
  "policy.topup.create",
  "policy.milestone.create",
  "policy.parameter.delete",
  "policy.subsidy.delete",
  "policy.topup.delete",
  "policy.milestone.delete",
  "user.create",
  "user.deactivate",
  "user.reactivate",
  "user.password_reset",
  "apiToken.create",
  "apiToken.revoke",
  "enrollee.id_elsewhere",
  "agent.account",
  "contact.create",
  "receipt.print",
  "receiptBook.create",
  "receiptBook.close",
  "receipt.void",
  "remittance.create",
  "paperwork.settings",
  "commission.rate.create",
  "commission.rate.delete",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(s: string): s is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(s);
}

// "This ID number is registered in another unit" tells the caller something about a person outside
// their scope: that a citizen is enrolled somewhere. Registration and editing must say it (the number
// is unique), but not as an oracle (issue 17 item 9): each such answer is counted per user (in the
// database, shared by every app instance: ADR 1801; ID_ELSEWHERE_CHECKS_PER_HOUR, default 30; over it the
// form says to try later and reveals nothing) and audited ("enrollee.id_elsewhere"). The refused write's
// transaction rolls back, so the answer is counted with its audit entry, after that transaction has ended.
import type { DbTx } from "../db/client";
import type { Principal } from "../auth/authz";
import { namedLimiter } from "../http/rate-limit";
import { config } from "../env";
import { writeAudit } from "../trust/audit";

const limiter = () => namedLimiter("id-elsewhere", config().ID_ELSEWHERE_CHECKS_PER_HOUR, 60 * 60_000);

/** May the caller get one more "registered elsewhere" answer this hour? (Read inside the write's transaction;
 *  the answer is counted by auditElsewhere once it has ended.) */
export async function mayAnswerElsewhere(tx: DbTx, p: Pick<Principal, "userId">): Promise<boolean> {
  return (await limiter().check(tx, `user:${p.userId}`)).ok;
}

/** The audit entry of such an answer (or of its refusal, `limited`). */
export async function auditElsewhere(db: DbTx, p: Principal, personalId: string, limited: boolean): Promise<void> {
  await limiter().hit(db, `user:${p.userId}`);
  await writeAudit(db, p, { action: "enrollee.id_elsewhere", entity: "Enrollee", unitCode: p.unitCode, after: { personalId, limited } });
}

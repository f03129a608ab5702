// "This ID number is registered in another unit" tells the caller something about a person outside
// their scope: that a citizen is enrolled somewhere. Registration and editing must say it (the number
// is unique), but not as an oracle (issue 17 item 9): each such answer is counted per user (in memory,
// ID_ELSEWHERE_CHECKS_PER_HOUR, default 30; over it the form says to try later and reveals nothing)
// and audited ("enrollee.id_elsewhere", written after the refused write's transaction has ended).
import type { DbTx } from "../db/client";
import type { Principal } from "../auth/authz";
import { FixedWindowLimiter } from "../http/rate-limit";
import { config } from "../env";
import { writeAudit } from "../trust/audit";

const g = globalThis as unknown as { __idElsewhereLimiter?: FixedWindowLimiter };

function limiter(): FixedWindowLimiter {
  const limit = config().ID_ELSEWHERE_CHECKS_PER_HOUR;
  if (!g.__idElsewhereLimiter || g.__idElsewhereLimiter.limit !== limit) g.__idElsewhereLimiter = new FixedWindowLimiter(limit, 60 * 60_000);
  return g.__idElsewhereLimiter;
}

/** Counts one "registered elsewhere" answer for the caller; false once they are over their hourly limit. */
export function mayAnswerElsewhere(p: Pick<Principal, "userId">): boolean {
  return limiter().hit(`user:${p.userId}`).ok;
}

/** The audit entry of such an answer (or of its refusal, `limited`). */
export async function auditElsewhere(db: DbTx, p: Principal, personalId: string, limited: boolean): Promise<void> {
  await writeAudit(db, p, { action: "enrollee.id_elsewhere", entity: "Enrollee", unitCode: p.unitCode, after: { personalId, limited } });
}

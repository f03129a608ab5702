// Repeated failed sign-ins lock a login for a while: 5 failures → 15 minutes, doubling after that.
import type { DbTx } from "../db/client";

export const MAX_FAILURES = 5;
const BASE_LOCK_MINUTES = 15;

export async function lockedUntil(db: DbTx, login: string, now = new Date()): Promise<Date | null> {
  const row = await db.loginThrottle.findUnique({ where: { login } });
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

export async function recordFailure(db: DbTx, login: string, now = new Date()): Promise<Date | null> {
  const row = await db.loginThrottle.upsert({
    where: { login },
    create: { login, failures: 1 },
    update: { failures: { increment: 1 } },
  });
  if (row.failures < MAX_FAILURES) return null;
  const minutes = BASE_LOCK_MINUTES * 2 ** Math.min(row.failures - MAX_FAILURES, 6);
  const until = new Date(now.getTime() + minutes * 60_000);
  await db.loginThrottle.update({ where: { login }, data: { lockedUntil: until } });
  return until;
}

export async function recordSuccess(db: DbTx, login: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { login } });
}

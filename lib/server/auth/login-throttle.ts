// Failed sign-ins slow down the address they come from, per login (issue 17 item 7). The old rule
// locked a LOGIN for everyone after five failures, so anyone could lock anyone out (the national
// admin included) by failing five times. Now failures are counted per login AND address: after
// FREE_FAILURES the next attempt from that address for that login waits, 30 s doubling up to 15
// minutes; the owner signing in from their own address is not slowed. A success from the address
// clears its row; rows unused for a day are pruned.
// An address that has already failed on MAX_LOGINS_PER_ADDRESS different logins shares one row (the
// login "*") for any further login, so guessing many names (most of them unknown) cannot fill the
// table. Known and unknown logins are treated alike, so the throttle reveals nothing about which exist.
import type { DbTx } from "../db/client";

export const FREE_FAILURES = 5;
const BASE_DELAY_SECONDS = 30;
const MAX_DELAY_SECONDS = 15 * 60;
export const MAX_LOGINS_PER_ADDRESS = 20;
export const SHARED_ROW_LOGIN = "*";
const FORGET_AFTER_MS = 24 * 60 * 60_000;

/** Seconds to wait after the `failures`-th failure (0 while free). */
export function delaySeconds(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2 ** Math.min(failures - FREE_FAILURES, 10));
}

/** The row that counts (login, address): its own, or the address's shared row once it is over the cap. */
async function rowKey(db: DbTx, login: string, address: string): Promise<string> {
  if (await db.loginThrottle.findUnique({ where: { login_address: { login, address } }, select: { login: true } })) return login;
  const used = await db.loginThrottle.count({ where: { address, login: { not: SHARED_ROW_LOGIN } } });
  return used >= MAX_LOGINS_PER_ADDRESS ? SHARED_ROW_LOGIN : login;
}

/** Until when this address must wait before trying this login again, or null. */
export async function throttledUntil(db: DbTx, login: string, address: string, now = new Date()): Promise<Date | null> {
  const key = await rowKey(db, login, address);
  const row = await db.loginThrottle.findUnique({ where: { login_address: { login: key, address } } });
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

/** Counts a failure; returns until when the address must wait, or null while it still has free attempts. */
export async function recordFailure(db: DbTx, login: string, address: string, now = new Date()): Promise<Date | null> {
  const key = await rowKey(db, login, address);
  const row = await db.loginThrottle.upsert({
    where: { login_address: { login: key, address } },
    create: { login: key, address, failures: 1 },
    update: { failures: { increment: 1 } },
  });
  await db.loginThrottle.deleteMany({ where: { updatedAt: { lt: new Date(now.getTime() - FORGET_AFTER_MS) } } });
  const wait = delaySeconds(row.failures);
  if (!wait) return null;
  const until = new Date(now.getTime() + wait * 1000);
  await db.loginThrottle.update({ where: { login_address: { login: key, address } }, data: { lockedUntil: until } });
  return until;
}

/** A successful sign-in clears that address's row for the login. */
export async function recordSuccess(db: DbTx, login: string, address: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { login, address } });
}

/** Every address's row for a login (an admin reset its password). */
export async function clearLogin(db: DbTx, login: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { login } });
}

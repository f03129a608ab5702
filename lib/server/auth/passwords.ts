import bcrypt from "bcryptjs";
import { config } from "../env";

// bcrypt with cost 11 (BCRYPT_COST): ~0.15 s per check here — slow for guessing, fine for a person.
export const hashPassword = (plain: string) => bcrypt.hash(plain, config().BCRYPT_COST);
export const verifyPassword = (plain: string, hash: string) => bcrypt.compare(plain, hash);

let dummy: Promise<string> | undefined;
/**
 * Checks a password against a user's hash, or — for an unknown or inactive login — against a dummy
 * hash of the same cost, so every sign-in attempt takes the time of one bcrypt comparison and the
 * answer's timing does not tell which logins exist (issue 17 item 7).
 */
export async function verifyPasswordOrDummy(plain: string, hash: string | null | undefined): Promise<boolean> {
  const compared = hash ?? (await (dummy ??= hashPassword("no-such-user: a dummy password nobody has")));
  const ok = await verifyPassword(plain, compared);
  return hash != null && ok;
}

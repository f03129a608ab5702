import bcrypt from "bcryptjs";

// bcrypt with cost 11: ~0.15 s per check here — slow for guessing, fine for a person.
const COST = Number(process.env.BCRYPT_COST ?? 11);

export const hashPassword = (plain: string) => bcrypt.hash(plain, COST);
export const verifyPassword = (plain: string, hash: string) => bcrypt.compare(plain, hash);

import bcrypt from "bcryptjs";
import { config } from "../env";

// bcrypt with cost 11 (BCRYPT_COST): ~0.15 s per check here — slow for guessing, fine for a person.
export const hashPassword = (plain: string) => bcrypt.hash(plain, config().BCRYPT_COST);
export const verifyPassword = (plain: string, hash: string) => bcrypt.compare(plain, hash);

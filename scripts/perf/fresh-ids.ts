// CCCD numbers for the bench's writes: valid (they agree with date of birth and sex), in Hà Nội's
// range, and not yet in the database, so registrations and imports are accepted as new people.
import type { Client } from "pg";
import { makePersonalId } from "../../lib/domain/personal-id";

export type FreshPerson = { id: string; dob: string; sex: "MALE" | "FEMALE" };

export async function freshIds(pg: Client, n: number, seed: number): Promise<FreshPerson[]> {
  const out: FreshPerson[] = [];
  const seen = new Set<string>();
  let k = seed || 1;
  while (out.length < n) {
    const batch: FreshPerson[] = [];
    for (let i = 0; i < Math.min(20_000, (n - out.length) * 2); i++) {
      k = (k * 48271) % 2147483647;
      const year = 1965 + (k % 40);
      const dob = `${year}-${String(1 + (k % 12)).padStart(2, "0")}-${String(1 + (k % 28)).padStart(2, "0")}`;
      const sex = k % 2 ? "FEMALE" : "MALE";
      batch.push({ id: makePersonalId("001", dob, sex, k % 1_000_000), dob, sex });
    }
    const taken = new Set(
      (await pg.query<{ p: string }>(`SELECT "personalId" AS p FROM "Enrollee" WHERE "personalId" = ANY($1::text[])`, [batch.map((b) => b.id)])).rows.map(
        (r) => r.p,
      ),
    );
    for (const b of batch) {
      if (taken.has(b.id) || seen.has(b.id) || out.length >= n) continue;
      seen.add(b.id);
      out.push(b);
    }
  }
  return out;
}

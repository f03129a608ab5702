// "Registered in another unit" answers are rate-limited and audited (issue 17 item 9): before, any
// enrolling user could test ID numbers against the whole country's register, unlimited and unrecorded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "./db";
import { principalFor } from "../fixtures/factories";
import { registrationInput } from "../fixtures/enrollment";
import type { Principal } from "@/lib/server/auth/authz";
import { registerEnrollee } from "@/lib/server/enrollment/enrollees";

let t: TestDb;
let badinh: Principal, dongda: Principal;
const saved = process.env.ID_ELSEWHERE_CHECKS_PER_HOUR;
beforeAll(async () => {
  process.env.ID_ELSEWHERE_CHECKS_PER_HOUR = "2";
  t = await freshDb();
  badinh = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
  dongda = await principalFor(t.prisma, "DISTRICT_STAFF", "006");
});
afterAll(async () => {
  if (saved === undefined) delete process.env.ID_ELSEWHERE_CHECKS_PER_HOUR;
  else process.env.ID_ELSEWHERE_CHECKS_PER_HOUR = saved;
  await t?.close();
});

const personalIdIssue = (p: Promise<unknown>) =>
  p.then(
    () => "registered",
    (e: { issues?: { path: PropertyKey[]; message: string; params?: { code?: string } }[] }) =>
      e.issues?.find((i) => i.path[0] === "personalId")?.params?.code ?? String(e),
  );

describe("is this ID number registered elsewhere?", () => {
  it("answers within the hourly limit, then refuses to say; every answer is audited", async () => {
    const taken = registrationInput();
    await registerEnrollee(t.prisma, badinh, taken);
    const attempt = () =>
      personalIdIssue(
        registerEnrollee(t.prisma, dongda, {
          ...registrationInput({ communeCode: "00199" }),
          personalId: taken.personalId,
          dateOfBirth: taken.dateOfBirth,
          sex: taken.sex,
        }),
      );
    expect(await attempt()).toBe("DUPLICATE_PERSONAL_ID");
    expect(await attempt()).toBe("DUPLICATE_PERSONAL_ID");
    expect(await attempt()).toBe("RATE_LIMITED");
    const audit = await t.prisma.auditLog.findMany({ where: { action: "enrollee.id_elsewhere" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.userId, (a.after as { personalId: string; limited: boolean }).limited])).toEqual([
      [dongda.userId, false],
      [dongda.userId, false],
      [dongda.userId, true],
    ]);
    expect((audit[0].after as { personalId: string }).personalId).toBe(taken.personalId);
    // another user has their own allowance; in-scope duplicates are not counted
    expect(
      await personalIdIssue(
        registerEnrollee(t.prisma, badinh, { ...registrationInput(), personalId: taken.personalId, dateOfBirth: taken.dateOfBirth, sex: taken.sex }),
      ),
    ).toBe("DUPLICATE_PERSONAL_ID");
    expect(await t.prisma.auditLog.count({ where: { action: "enrollee.id_elsewhere" } })).toBe(3);
  });
});

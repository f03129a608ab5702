// lib/server/db/shared-computation.ts: the same question asked at once is computed once; at most `limit`
// different ones run at a time (a freed slot goes to the next waiter, never above the limit); nothing is
// kept after the answer; a failure reaches every asker and is not kept either.
import { describe, expect, it } from "vitest";
import { sharedComputation } from "@/lib/server/db/shared-computation";

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("sharedComputation", () => {
  it("runs one computation for concurrent askers of the same key, and a new one afterwards", async () => {
    const db = {};
    let calls = 0;
    const fn = async () => {
      calls++;
      await tick();
      return calls;
    };
    const answers = await Promise.all([1, 2, 3].map(() => sharedComputation(db, "t1", "k", 2, fn)));
    expect(answers).toEqual([1, 1, 1]);
    expect(calls).toBe(1);
    expect(await sharedComputation(db, "t1", "k", 2, fn)).toBe(2); // nothing kept: computed afresh
    // another database is another question
    await Promise.all([sharedComputation(db, "t1", "k", 2, fn), sharedComputation({}, "t1", "k", 2, fn)]);
    expect(calls).toBe(4);
  });

  it("never runs more than `limit` different computations at once, and runs them all", async () => {
    let now = 0;
    let most = 0;
    const fn = (v: number) => async () => {
      now++;
      most = Math.max(most, now);
      await tick();
      now--;
      return v;
    };
    const db = {};
    const keys = Array.from({ length: 9 }, (_, i) => i);
    const out = await Promise.all(keys.map((i) => sharedComputation(db, "t2", String(i), 2, fn(i))));
    expect(out).toEqual(keys);
    expect(most).toBe(2);
  });

  it("a failure reaches every asker, frees its slot and is not kept", async () => {
    const db = {};
    let calls = 0;
    const failing = async () => {
      calls++;
      await tick();
      throw new Error("boom");
    };
    const all = await Promise.allSettled([sharedComputation(db, "t3", "k", 1, failing), sharedComputation(db, "t3", "k", 1, failing)]);
    expect(all.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(calls).toBe(1);
    expect(await sharedComputation(db, "t3", "k", 1, async () => "ok")).toBe("ok");
  });
});

// Offline field entry (issue 12): the queue — ordering, retries with backoff, an expired session, conflicts
// kept with the server's message, fixing with the same key, and keys kept across reloads (IndexedDB
// through Dexie, on fake-indexeddb).
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { backoffMs, MemoryStore, OfflineQueue, type SendResult, type Transport } from "@/lib/client/offline/queue";
import { DexieStore } from "@/lib/client/offline/dexie-store";
import { renewalEntry } from "@/lib/client/offline/renewal";
import { syncEntrySchema } from "@/lib/validation/sync";

const clock = (start = Date.parse("2026-12-04T08:00:00Z")) => {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};
let n = 0;
const keys = () => `key-${String(++n).padStart(12, "0")}`;
const reg = (label: string) => ({ kind: "registration" as const, data: { fullName: label }, label, amount: 1_000 });

/** A transport that records what it was sent and answers with `answer`. */
function recorder(answer: (keys: string[]) => SendResult) {
  const calls: string[][] = [];
  const send: Transport = async (entries) => {
    calls.push(entries.map((e) => e.key));
    return answer(entries.map((e) => e.key));
  };
  return { calls, send };
}
const acceptAll = (ks: string[]): SendResult => ({
  kind: "ok",
  results: ks.map((key) => ({
    key,
    status: "accepted",
    repeat: false,
    result: { enrolleeId: 1, contributionId: null, receiptNo: null, net: null, periodStart: null, periodEnd: null, coverageEnd: null },
  })),
});

describe("the offline queue", () => {
  it("sends entries in the order they were made, each with the key it got when queued", async () => {
    const q = new OfflineQueue(new MemoryStore(), clock(), keys);
    const a = await q.enqueue(7, reg("A"));
    const b = await q.enqueue(7, reg("B"));
    const c = await q.enqueue(7, { kind: "payment", enrolleeId: 3, coverageEndSeen: "2026-06-30", data: { receiptNo: "X" }, label: "C", amount: 2 });
    expect((await q.list(7)).map((e) => e.label)).toEqual(["A", "B", "C"]);
    const r = recorder(acceptAll);
    expect(await q.sync(7, r.send)).toEqual({ kind: "done", sent: 3, accepted: 3, attention: 0 });
    expect(r.calls).toEqual([[a.key, b.key, c.key]]);
    expect(await q.list(7)).toEqual([]);
    expect((await q.lastSync(7))?.accepted.map((x) => x.label)).toEqual(["A", "B", "C"]);
    // nothing left: syncing again sends nothing
    expect(await q.sync(7, r.send)).toEqual({ kind: "nothing" });
    expect(r.calls).toHaveLength(1);
  });

  it("retries after a failure with a growing delay, with the same keys; 'sync now' does not wait", async () => {
    const t = clock();
    const q = new OfflineQueue(new MemoryStore(), t, keys);
    const a = await q.enqueue(7, reg("A"));
    const down = recorder(() => ({ kind: "failed", reason: "offline" }));
    expect(await q.sync(7, down.send)).toEqual({ kind: "failed", reason: "offline" });
    expect((await q.list(7))[0]).toMatchObject({ attempts: 1, notBefore: t.now() + 15_000, state: "waiting" });
    // not due yet: not sent
    t.advance(10_000);
    expect(await q.sync(7, down.send)).toEqual({ kind: "nothing" });
    t.advance(5_000);
    await q.sync(7, down.send);
    expect((await q.list(7))[0]).toMatchObject({ attempts: 2, notBefore: t.now() + 30_000 });
    const up = recorder(acceptAll);
    expect(await q.sync(7, up.send, { force: true })).toMatchObject({ kind: "done", accepted: 1 });
    expect(up.calls).toEqual([[a.key]]);
    expect(down.calls).toEqual([[a.key], [a.key]]);
  });

  it("backoff: 15 s doubling, capped at 15 min", () => {
    expect([0, 1, 2, 3, 4].map(backoffMs)).toEqual([0, 15_000, 30_000, 60_000, 120_000]);
    expect(backoffMs(30)).toBe(15 * 60_000);
  });

  it("an expired session keeps every entry untouched until the same user signs in again; other users' entries are neither listed nor sent", async () => {
    const q = new OfflineQueue(new MemoryStore(), clock(), keys);
    const mine = await q.enqueue(7, reg("mine"));
    await q.enqueue(8, reg("theirs"));
    const expired = recorder(() => ({ kind: "unauthenticated" }));
    expect(await q.sync(7, expired.send)).toEqual({ kind: "session" });
    expect((await q.list(7))[0]).toMatchObject({ key: mine.key, attempts: 0, state: "waiting" });
    expect(await q.othersCount(7)).toBe(1);
    const r = recorder(acceptAll);
    await q.sync(7, r.send);
    expect(r.calls).toEqual([[mine.key]]);
    expect((await q.list(8)).map((e) => e.label)).toEqual(["theirs"]);
  });

  it("a refused entry stays with the server's message; fixed, it is sent again with the same key; or discarded", async () => {
    const q = new OfflineQueue(new MemoryStore(), clock(), keys);
    const a = await q.enqueue(7, reg("A"));
    const b = await q.enqueue(7, reg("B"));
    const conflict = {
      kind: "validation" as const,
      message: "Thu nhập thấp hơn mức tối thiểu",
      fields: [{ path: "declaredIncome", message: "Thu nhập thấp hơn mức tối thiểu" }],
      fixable: true,
    };
    const r = recorder(([k1, k2]) => {
      const ok = acceptAll([k2]);
      return { kind: "ok", results: [{ key: k1, status: "refused", conflict }, ...(ok.kind === "ok" ? ok.results : [])] };
    });
    expect(await q.sync(7, r.send)).toEqual({ kind: "done", sent: 2, accepted: 1, attention: 1 });
    expect(await q.list(7)).toEqual([expect.objectContaining({ key: a.key, state: "attention", conflict })]);
    // not sent again by itself
    expect(await q.sync(7, r.send)).toEqual({ kind: "nothing" });
    await q.fix(a.key, { fullName: "A", declaredIncome: 2_000_000 });
    const again = recorder(acceptAll);
    await q.sync(7, again.send);
    expect(again.calls).toEqual([[a.key]]);
    expect(r.calls[0]).toEqual([a.key, b.key]);
    const c = await q.enqueue(7, reg("C"));
    await q.discard(c.key);
    expect(await q.list(7)).toEqual([]);
  });

  it("keeps entries and their keys across reloads (IndexedDB through Dexie), and clears everything at sign-out", async () => {
    const name = `test-offline-${Math.random()}`;
    const first = new DexieStore(name);
    const q1 = new OfflineQueue(first, clock());
    const a = await q1.enqueue(7, reg("A"));
    const b = await q1.enqueue(7, reg("B"));
    await first.setMeta("reference:7", { communes: [] });
    first.close();
    // a reload: a new store on the same database
    const second = new DexieStore(name);
    const q2 = new OfflineQueue(second, clock());
    expect((await q2.list(7)).map((e) => [e.key, e.label, e.seq])).toEqual([
      [a.key, "A", 1],
      [b.key, "B", 2],
    ]);
    expect(a.key).toMatch(/^[0-9a-f-]{36}$/);
    const c = await q2.enqueue(7, reg("C"));
    expect(c.seq).toBe(3);
    await q2.clear();
    expect(await q2.list(7)).toEqual([]);
    expect(await second.getMeta("reference:7")).toBeUndefined();
    second.close();
  });

  it("the one-tap renewal queues a payment entry (no second queue): the prefilled terms, the coverage end seen, the server to number the receipt", async () => {
    const q = new OfflineQueue(new MemoryStore(), clock(), keys);
    const terms = {
      enrolleeId: 42,
      fullName: "Lò Văn Gia",
      coverageEnd: "2026-06-30",
      period: "ANNUAL",
      months: 12,
      declaredIncome: 1_500_000,
      amount: 594_000,
    };
    const entry = renewalEntry(terms, "CASH", "2026-12-04");
    expect(entry).toEqual({
      kind: "payment",
      enrolleeId: 42,
      coverageEndSeen: "2026-06-30",
      autoReceipt: true,
      data: { method: "CASH", paidOn: "2026-12-04", period: "ANNUAL", months: 12, declaredIncome: 1_500_000 },
      label: "Lò Văn Gia",
      amount: 594_000,
    });
    const queued = await q.enqueue(7, entry);
    let sent: unknown[] = [];
    const send: Transport = async (entries) => {
      sent = entries;
      return acceptAll(entries.map((e) => e.key));
    };
    expect(await q.sync(7, send)).toMatchObject({ kind: "done", accepted: 1 });
    expect(sent).toEqual([
      { key: queued.key, kind: "payment", enrolleeId: 42, coverageEndSeen: "2026-06-30", autoReceipt: true, data: entry.data, queuedAt: queued.queuedAt },
    ]);
    // what the server takes: the sync schema accepts it as it is sent
    expect(syncEntrySchema.safeParse(JSON.parse(JSON.stringify(sent[0]))).success).toBe(true);
  });
});

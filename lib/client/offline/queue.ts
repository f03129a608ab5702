// Offline field entry (issue 12): the queue of writes made without a signal, as plain logic over a store
// (IndexedDB through Dexie in the browser: ./dexie-store.ts; in memory in tests). No React, no fetch: the
// transport is passed in, so the ordering, the retries with backoff and the key handling are unit-tested.
//
// Rules:
//  - every entry gets its idempotency key when it is queued, stored with it, and keeps it for good (a
//    retry, a reload, a fix all send the same key: the server writes it once);
//  - entries are sent in the order they were made (seq), a batch at a time;
//  - a network failure or a server error leaves the entry waiting and retries after a growing delay
//    (15 s, 30 s, 1 min, … capped at 15 min); "sync now" ignores the delay;
//  - an expired session (401) leaves everything as it is: the entries wait for the same user to sign in;
//  - an accepted entry leaves the queue (its result goes into the last-sync summary); a refused one stays,
//    marked "attention", with the server's message, until it is fixed (sent again, same key) or discarded;
//  - entries belong to the user who made them: only that user's entries are listed and sent.
import type { Conflict } from "@/lib/domain/sync-conflict";
import type { SyncKind } from "@/lib/validation/sync";

export type SyncResult = {
  enrolleeId: number;
  fullName?: string;
  contributionId: number | null;
  receiptNo: string | null;
  net: number | null;
  periodStart: string | null;
  periodEnd: string | null;
  coverageEnd: string | null;
  receiptWarning?: string;
};
export type SyncOutcome = { key: string; status: "accepted"; repeat: boolean; result: SyncResult } | { key: string; status: "refused"; conflict: Conflict };

export type QueueEntry = {
  key: string;
  userId: number;
  seq: number;
  kind: SyncKind;
  /** payment: the person and the coverage end seen when the money was taken */
  enrolleeId?: number;
  coverageEndSeen?: string | null;
  /** payment: the one-tap renewal — the server numbers its electronic receipt when it records it */
  autoReceipt?: true;
  /** the form's input, as the online form would post it */
  data: Record<string, unknown>;
  /** what the list shows: the person's name, the amount computed offline */
  label: string;
  amount: number | null;
  queuedAt: string;
  state: "waiting" | "attention";
  attempts: number;
  /** epoch ms: not sent before (backoff) */
  notBefore: number;
  conflict?: Conflict;
};

export type LastSync = { at: string; accepted: { key: string; label: string; kind: SyncKind; result: SyncResult; repeat: boolean }[]; attention: number };

/** Where entries live. The Dexie store and the in-memory one implement it alike. */
export interface QueueStore {
  entries(): Promise<QueueEntry[]>;
  put(e: QueueEntry): Promise<void>;
  remove(key: string): Promise<void>;
  getMeta<T>(name: string): Promise<T | undefined>;
  setMeta(name: string, value: unknown): Promise<void>;
  /** everything: entries and meta (sign-out) */
  clear(): Promise<void>;
}

/** What sending a batch came to. */
export type SendResult = { kind: "ok"; results: SyncOutcome[] } | { kind: "unauthenticated" } | { kind: "failed"; reason: string };

export type Transport = (
  entries: Pick<QueueEntry, "key" | "kind" | "enrolleeId" | "coverageEndSeen" | "autoReceipt" | "data" | "queuedAt">[],
) => Promise<SendResult>;

/** The IndexedDB database of the queue on a device (./dexie-store.ts). */
export const OFFLINE_DB_NAME = "bhxh-offline";

export const BACKOFF_BASE_MS = 15_000;
export const BACKOFF_MAX_MS = 15 * 60_000;
export const BATCH = 50;

/** The delay before the next attempt after `attempts` failed ones: 15 s doubling, capped at 15 min. */
export function backoffMs(attempts: number): number {
  if (attempts <= 0) return 0;
  return Math.min(BACKOFF_BASE_MS * 2 ** (attempts - 1), BACKOFF_MAX_MS);
}

export type NewEntry = Pick<QueueEntry, "kind" | "data" | "label" | "amount"> & Partial<Pick<QueueEntry, "enrolleeId" | "coverageEndSeen" | "autoReceipt">>;

export type SyncReport =
  { kind: "done"; sent: number; accepted: number; attention: number } | { kind: "nothing" } | { kind: "session" } | { kind: "failed"; reason: string };

export class OfflineQueue {
  constructor(
    private store: QueueStore,
    private clock: { now(): number } = { now: () => Date.now() },
    private newKey: () => string = () => crypto.randomUUID(),
  ) {}

  /** Queues a write for the user; the idempotency key is made here, once. */
  async enqueue(userId: number, e: NewEntry): Promise<QueueEntry> {
    const all = await this.store.entries();
    const seq = all.reduce((m, x) => Math.max(m, x.seq), 0) + 1;
    const entry: QueueEntry = {
      key: this.newKey(),
      userId,
      seq,
      kind: e.kind,
      data: e.data,
      label: e.label,
      amount: e.amount,
      ...(e.enrolleeId !== undefined ? { enrolleeId: e.enrolleeId } : {}),
      ...(e.coverageEndSeen !== undefined ? { coverageEndSeen: e.coverageEndSeen } : {}),
      ...(e.autoReceipt ? { autoReceipt: true as const } : {}),
      queuedAt: new Date(this.clock.now()).toISOString(),
      state: "waiting",
      attempts: 0,
      notBefore: 0,
    };
    await this.store.put(entry);
    return entry;
  }

  /** The user's entries, oldest first. */
  async list(userId: number): Promise<QueueEntry[]> {
    return (await this.store.entries()).filter((e) => e.userId === userId).sort((a, b) => a.seq - b.seq);
  }

  /** How many entries other users left on this device (they wait for those users to sign in again). */
  async othersCount(userId: number): Promise<number> {
    return (await this.store.entries()).filter((e) => e.userId !== userId).length;
  }

  /**
   * Sends the user's waiting entries that are due (all of them with `force`), oldest first, in batches.
   * Stops at the first failed batch (the rest keep their order for the next attempt).
   */
  async sync(userId: number, send: Transport, o: { force?: boolean } = {}): Promise<SyncReport> {
    const now = this.clock.now();
    const due = (await this.list(userId)).filter((e) => e.state === "waiting" && (o.force || e.notBefore <= now));
    if (due.length === 0) return { kind: "nothing" };
    const last: LastSync = { at: new Date(now).toISOString(), accepted: [], attention: 0 };
    let sent = 0;
    for (let i = 0; i < due.length; i += BATCH) {
      const batch = due.slice(i, i + BATCH);
      const r = await send(
        batch.map(({ key, kind, enrolleeId, coverageEndSeen, autoReceipt, data, queuedAt }) => ({
          key,
          kind,
          enrolleeId,
          coverageEndSeen,
          ...(autoReceipt ? { autoReceipt } : {}),
          data,
          queuedAt,
        })),
      );
      if (r.kind === "unauthenticated") return { kind: "session" };
      if (r.kind === "failed") {
        for (const e of due.slice(i)) await this.store.put({ ...e, attempts: e.attempts + 1, notBefore: now + backoffMs(e.attempts + 1) });
        return { kind: "failed", reason: r.reason };
      }
      const byKey = new Map(r.results.map((x) => [x.key, x]));
      for (const e of batch) {
        const out = byKey.get(e.key);
        if (!out) continue; // not answered: stays waiting, sent again next time (same key)
        sent++;
        if (out.status === "accepted") {
          await this.store.remove(e.key);
          last.accepted.push({ key: e.key, label: e.label, kind: e.kind, result: out.result, repeat: out.repeat });
        } else {
          await this.store.put({ ...e, state: "attention", conflict: out.conflict, attempts: e.attempts + 1 });
          last.attention++;
        }
      }
    }
    await this.store.setMeta(`lastSync:${userId}`, last);
    return { kind: "done", sent, accepted: last.accepted.length, attention: last.attention };
  }

  async lastSync(userId: number): Promise<LastSync | undefined> {
    return this.store.getMeta<LastSync>(`lastSync:${userId}`);
  }

  /** A fixed entry goes back in line with the SAME key (the server wrote nothing for it). */
  async fix(key: string, data: Record<string, unknown>, extra: Partial<Pick<QueueEntry, "label" | "amount">> = {}): Promise<void> {
    const e = (await this.store.entries()).find((x) => x.key === key);
    if (!e) return;
    const { conflict: _dropped, ...rest } = e;
    void _dropped;
    await this.store.put({ ...rest, ...extra, data, state: "waiting", notBefore: 0 });
  }

  /** The user gives an entry up (after a conflict that cannot be fixed, or by choice). */
  async discard(key: string): Promise<void> {
    await this.store.remove(key);
  }

  /** Sign-out: nothing of the user's stays on the device. */
  async clear(): Promise<void> {
    await this.store.clear();
  }
}

/** The in-memory store (tests; also a fallback where IndexedDB is unavailable). */
export class MemoryStore implements QueueStore {
  private rows = new Map<string, QueueEntry>();
  private meta = new Map<string, unknown>();
  async entries() {
    return [...this.rows.values()].map((e) => structuredClone(e));
  }
  async put(e: QueueEntry) {
    this.rows.set(e.key, structuredClone(e));
  }
  async remove(key: string) {
    this.rows.delete(key);
  }
  async getMeta<T>(name: string) {
    return this.meta.get(name) as T | undefined;
  }
  async setMeta(name: string, value: unknown) {
    this.meta.set(name, structuredClone(value));
  }
  async clear() {
    this.rows.clear();
    this.meta.clear();
  }
}

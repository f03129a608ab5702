// Offline field entry (issue 12), the browser side: one queue per device (IndexedDB), the signed-in user,
// the online/offline state, syncing (when the connection returns, every 15 s while entries are due, and on
// the button), the reference data of the user's scope, and clearing everything at sign-out.
// React components read it through useOfflineState (components/offline/*).
import type { PolicySnapshot } from "@/lib/domain/contribution";
import { policyOn, type PolicyWindow } from "@/lib/domain/policy-window";
import type { DexieStore } from "./dexie-store";
import {
  MemoryStore,
  OFFLINE_DB_NAME,
  OfflineQueue,
  type LastSync,
  type NewEntry,
  type QueueEntry,
  type SendResult,
  type SyncReport,
  type Transport,
} from "./queue";

export type OfflineReference = {
  userId: number;
  today: string;
  provinceCode: string | null;
  communes: { code: string; fullName: string }[];
  agents: { id: number; name: string; communes: string[] }[];
  policy: PolicyWindow;
};

export type OfflineState = {
  userId: number | null;
  online: boolean;
  syncing: boolean;
  entries: QueueEntry[];
  waiting: number;
  attention: number;
  others: number;
  last: LastSync | null;
  /** the server answered 401: entries wait for the same user to sign in again */
  sessionExpired: boolean;
  report: SyncReport | null;
};

const EMPTY: OfflineState = {
  userId: null,
  online: true,
  syncing: false,
  entries: [],
  waiting: 0,
  attention: 0,
  others: 0,
  last: null,
  sessionExpired: false,
  report: null,
};
/** Names of the service worker's caches (public/sw.js): cleared at sign-out. */
export const CACHE_PREFIX = "bhxh-";

let state: OfflineState = EMPTY;
const listeners = new Set<() => void>();
let queue: OfflineQueue | null = null;
let store: DexieStore | MemoryStore | null = null;
let reference: OfflineReference | null = null;

let opening: Promise<OfflineQueue> | null = null;

/** The device's queue. Dexie (~30 kB compressed) is loaded on first use — after the page has hydrated — not
 *  with the page: on a slow link it would hold up every field page's first load (issue 12). */
function q(): Promise<OfflineQueue> {
  if (queue) return Promise.resolve(queue);
  opening ??= (async () => {
    if (typeof indexedDB !== "undefined") {
      const { DexieStore } = await import("./dexie-store");
      store = new DexieStore();
    } else store = new MemoryStore();
    queue = new OfflineQueue(store);
    return queue;
  })().catch((e: unknown) => {
    opening = null; // e.g. the code could not be fetched: try again next time
    throw e;
  });
  return opening;
}

function emit(next: Partial<OfflineState>) {
  state = { ...state, ...next };
  for (const l of listeners) l();
}

export const offlineStore = {
  subscribe(l: () => void) {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  get: () => state,
  server: () => EMPTY,
};

/** True when the browser says there is no connection. */
export function isOffline(): boolean {
  return typeof navigator !== "undefined" && navigator.onLine === false;
}

/** Did a request (fetch, a server action) fail for lack of network rather than be refused by the server?
 *  The browser says it is offline, or fetch itself failed (a TypeError: no answer at all). */
export function isNetworkFailure(e: unknown): boolean {
  return isOffline() || e instanceof TypeError;
}

async function refresh() {
  const userId = state.userId;
  if (userId === null) return;
  const qu = await q();
  const entries = await qu.list(userId);
  emit({
    entries,
    waiting: entries.filter((e) => e.state === "waiting").length,
    attention: entries.filter((e) => e.state === "attention").length,
    others: await qu.othersCount(userId),
    last: (await qu.lastSync(userId)) ?? null,
  });
}

/** The JSON API's sync endpoint (same origin: the browser sends its Origin and the session cookie). */
export const httpTransport: Transport = async (entries) => {
  try {
    const res = await fetch("/api/v1/sync", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ entries }),
      credentials: "same-origin",
    });
    if (res.status === 401) return { kind: "unauthenticated" };
    if (!res.ok) return { kind: "failed", reason: `HTTP ${res.status}` };
    return { kind: "ok", results: ((await res.json()) as { results: Extract<SendResult, { kind: "ok" }>["results"] }).results };
  } catch (e) {
    return { kind: "failed", reason: e instanceof Error ? e.message : String(e) };
  }
};

/** The page says who is signed in: their entries are listed and sent; the reference data of another user goes. */
export async function setOfflineUser(userId: number): Promise<void> {
  emit({ userId, online: !isOffline(), sessionExpired: false });
  const ref = await loadStoredReference(userId);
  if (ref) reference = ref;
  await refresh();
}

/** Sends what is due (everything with `force`). One sync at a time. */
export async function syncNow(o: { force?: boolean } = {}): Promise<SyncReport | null> {
  const userId = state.userId;
  if (userId === null || state.syncing || isOffline()) return null;
  emit({ syncing: true });
  try {
    const report = await (await q()).sync(userId, httpTransport, o);
    emit({ report: report.kind === "nothing" ? state.report : report, sessionExpired: report.kind === "session" });
    return report;
  } finally {
    emit({ syncing: false });
    await refresh();
  }
}

export function setOnline(online: boolean) {
  emit({ online });
}

/** Queues a write made without a signal for the signed-in user. */
export async function enqueueOffline(e: NewEntry): Promise<QueueEntry> {
  if (state.userId === null) throw new Error("no user");
  const entry = await (await q()).enqueue(state.userId, e);
  await refresh();
  return entry;
}

export async function fixEntry(key: string, data: Record<string, unknown>) {
  await (await q()).fix(key, data);
  await refresh();
}

export async function discardEntry(key: string) {
  await (await q()).discard(key);
  await refresh();
}

/** Sign-out: the queue, the reference data and the service worker's caches leave the device. */
export async function clearOfflineData(): Promise<void> {
  await q()
    .then((qu) => qu.clear())
    .catch(async () => {
      // the queue's code could not be loaded (offline, never fetched): delete its database directly
      if (typeof indexedDB === "undefined") return;
      await new Promise((done) => {
        const r = indexedDB.deleteDatabase(OFFLINE_DB_NAME);
        r.onsuccess = r.onerror = r.onblocked = () => done(undefined);
      });
    });
  reference = null;
  if (typeof caches !== "undefined") {
    for (const name of await caches.keys()) if (name.startsWith(CACHE_PREFIX)) await caches.delete(name);
  }
  emit({ ...EMPTY, online: state.online });
}

async function loadStoredReference(userId: number): Promise<OfflineReference | null> {
  await q();
  const r = (await store!.getMeta<OfflineReference>("reference").catch(() => undefined)) ?? null;
  return r && r.userId === userId ? r : null;
}

/** Fetches and keeps the reference data of the user's scope (only the signed-in user's: one slot). */
export async function refreshReference(): Promise<void> {
  if (state.userId === null || isOffline()) return;
  try {
    const res = await fetch("/api/v1/sync/reference", { headers: { accept: "application/json" }, credentials: "same-origin" });
    if (!res.ok) return;
    const r = (await res.json()) as OfflineReference;
    await q();
    await store!.setMeta("reference", r);
    reference = r;
  } catch {
    // offline or a failure: the stored copy stays
  }
}

/** The policy in force on a date from the kept reference (today's or the next known change), for the offline calculator. */
export function offlinePolicyOn(date: string): PolicySnapshot | null {
  return reference ? policyOn(reference.policy, date) : null;
}

export function offlineReference(): OfflineReference | null {
  return reference;
}

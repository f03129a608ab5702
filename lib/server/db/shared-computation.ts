// Expensive read-only computations shared by the requests that ask for the same thing at the same time,
// and bounded in number, in this process. At national volume some dashboard figures are still counted
// live from millions of contributions — the renewal rate of the retention page and the map (~30 s for the
// nation at 3 million enrollees, docs/benchmarks.md); the year-end forecast's inputs were too until ADR
// 1405. When many people open the same national page at once, each request used to run its own copy and
// together they held every connection of the pool, so payments failed to start their transaction (HTTP
// 500). Now a request that finds the same question already being answered waits for that answer (the
// same figures its own queries would have read a moment later), and at most `limit` different ones run
// at once: the pool keeps connections for everything else.
// Nothing is kept once the answer is given: the next request after it computes afresh (no staleness).

type Slots = { running: number; waiting: (() => void)[] };

const inFlight = new WeakMap<object, Map<string, Promise<unknown>>>();
const slotsByName = new Map<string, Slots>();

/** Runs fn when one of `limit` slots of `name` is free; a freed slot goes straight to the next waiter. */
async function inSlot<T>(name: string, limit: number, fn: () => Promise<T>): Promise<T> {
  let s = slotsByName.get(name);
  if (!s) slotsByName.set(name, (s = { running: 0, waiting: [] }));
  if (s.running < limit) s.running++;
  else await new Promise<void>((resolve) => s.waiting.push(resolve));
  try {
    return await fn();
  } finally {
    const next = s.waiting.shift();
    if (next) next();
    else s.running--;
  }
}

/**
 * The answer to `key` on database `db`: the one being computed if there is one, else fn() run in a slot of
 * `name` (at most `limit` at once). Only for reads: a caller inside its own transaction must not use it.
 */
export function sharedComputation<T>(db: object, name: string, key: string, limit: number, fn: () => Promise<T>): Promise<T> {
  let byKey = inFlight.get(db);
  if (!byKey) inFlight.set(db, (byKey = new Map()));
  const k = `${name}\u0000${key}`;
  const running = byKey.get(k);
  if (running) return running as Promise<T>;
  const p = inSlot(name, limit, fn).finally(() => byKey.delete(k));
  byKey.set(k, p);
  return p;
}

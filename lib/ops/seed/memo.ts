/** Memoises a pure function of two arguments (nested maps: no key strings to build). The seeds call
 *  the date functions millions of times with inputs that repeat (month starts and ends, a few
 *  thousand days). */
export function memo2<A, B, R>(f: (a: A, b: B) => R): (a: A, b: B) => R {
  const cache = new Map<A, Map<B, R>>();
  return (a, b) => {
    let inner = cache.get(a);
    if (!inner) cache.set(a, (inner = new Map()));
    let v = inner.get(b);
    if (v === undefined) inner.set(b, (v = f(a, b)));
    return v;
  };
}

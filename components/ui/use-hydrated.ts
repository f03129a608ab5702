"use client";
// Before the page's scripts have run (a slow link: ~5 s cold on 400 kbit/s, docs/benchmarks.md) the
// server-rendered form is already on screen and people type into it. Two things keep that work:
//  - useHydrated(): false while React hydrates the server's HTML, true after (and on any later mount), so
//    a control can render differently for a post made without scripts (components/ui/date-field.tsx);
//  - useKeepTyped(): React keeps a controlled field's on-screen value when it hydrates but not its state,
//    so the next render would put the state's (empty) value back; on mount after hydration the field hands
//    what the browser shows to its onChange, once. Issue 12 (light on a slow link).
import { useEffect, useRef, useSyncExternalStore } from "react";

const never = () => () => {};

/** false during hydration (the server's snapshot), true afterwards and for mounts after hydration. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}

/**
 * A ref for a controlled input or select. When the element was hydrated from the server's HTML and the
 * browser shows another value than `shown` (typed or chosen before the scripts ran), `adopt` gets that value
 * once, right after hydration. A mount after hydration (client navigation) does nothing.
 */
export function useKeepTyped<E extends HTMLInputElement | HTMLSelectElement>(shown: string, adopt: ((value: string) => void) | undefined) {
  const ref = useRef<E>(null);
  const atHydration = useRef(!useHydrated());
  useEffect(() => {
    const el = ref.current;
    if (atHydration.current && adopt && el && !el.disabled && el.value !== shown) adopt(el.value);
    // once, on mount: later values are the user's own changes through onChange
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return ref;
}

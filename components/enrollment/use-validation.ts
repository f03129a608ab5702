"use client";
// The enrollee forms' zod schemas (lib/validation/enrollee.ts — the same ones the server runs), loaded
// after first paint rather than with the page: with zod and both languages' messages they weigh ~50 kB
// compressed, a second of a 400 kbit/s link before the form could hydrate (issue 12, "light on a slow
// link"). The form shows errors only once a field is left or the form submitted; a submit before they have
// arrived waits for them. The service worker keeps this chunk with the page's others for offline use.
import { useEffect, useState } from "react";

export type EnrollmentValidation = typeof import("@/lib/validation/enrollee");

let loaded: EnrollmentValidation | null = null;
let loading: Promise<EnrollmentValidation> | null = null;

/** Starts loading the schemas (once), and answers them. */
export function loadValidation(): Promise<EnrollmentValidation> {
  loading ??= import("@/lib/validation/enrollee").then(
    (m) => (loaded = m),
    (e: unknown) => {
      loading = null; // try again on the next call
      throw e;
    },
  );
  return loading;
}

/** The schemas once loaded (null before); then null never again for this page. */
export function loadedValidation(): EnrollmentValidation | null {
  return loaded;
}

/** For rendering: the schemas, loaded right after the form's first paint. */
export function useValidation(): EnrollmentValidation | null {
  const [v, setV] = useState<EnrollmentValidation | null>(loaded);
  useEffect(() => {
    if (v) return;
    let live = true;
    loadValidation().then(
      (m) => live && setV(m),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [v]);
  return v;
}

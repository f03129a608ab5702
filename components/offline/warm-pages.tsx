"use client";
// Hands the service worker pages to keep for offline use (issue 12). The worklist names the renewal pages
// of its first rows: a collector can then collect from them without a signal, though never opened online.
// Not on a "save data" connection; the worker skips pages it kept less than an hour ago (public/sw.js).
import { useEffect } from "react";

export function WarmPages({ urls }: { urls: string[] }) {
  const list = urls.join(" ");
  useEffect(() => {
    if (!list || !("serviceWorker" in navigator) || !navigator.onLine) return;
    if ((navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData) return;
    void navigator.serviceWorker.ready.then((reg) => reg.active?.postMessage({ type: "warm", urls: list.split(" ") }));
  }, [list]);
  return null;
}

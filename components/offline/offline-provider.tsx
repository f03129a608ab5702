"use client";
// Mounted once in the app's layout for users who do field work (issue 12): tells the offline runtime who
// is signed in, installs the service worker (public/sw.js), follows the connection, syncs when it returns
// and every 15 s while entries are due, and keeps the scope's reference data fresh.
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { refreshReference, setOfflineUser, setOnline, syncNow } from "@/lib/client/offline/runtime";

const RETRY_EVERY_MS = 15_000;

export function OfflineProvider({ userId, warm }: { userId: number; warm: string[] }) {
  const warmList = warm.join(" ");
  const router = useRouter();
  useEffect(() => {
    // the worker showed its kept copy of this page at once, and the network's answer differs from it (or says
    // the session has ended): refresh in place. Asked now that the page listens, so the answer is never missed.
    if (!("serviceWorker" in navigator)) return;
    const onMessage = (e: MessageEvent) => {
      if (e.data?.type === "fresh" && e.data.path === window.location.pathname) router.refresh();
    };
    navigator.serviceWorker.addEventListener("message", onMessage);
    navigator.serviceWorker.startMessages();
    navigator.serviceWorker.controller?.postMessage({ type: "hello", path: window.location.pathname });
    return () => navigator.serviceWorker.removeEventListener("message", onMessage);
  }, [router]);
  useEffect(() => {
    let live = true;
    void setOfflineUser(userId).then(() => {
      if (!live) return;
      void syncNow();
      void refreshReference();
    });
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(
        async () => {
          const reg = await navigator.serviceWorker.ready;
          // whose pages the worker keeps (another user's go), and the pages field work needs, fetched while online
          reg.active?.postMessage({ type: "user", userId, warm: navigator.onLine ? warmList.split(" ") : [] });
        },
        () => undefined,
      );
    }
    const on = () => {
      setOnline(true);
      void syncNow({ force: true });
    };
    const off = () => setOnline(false);
    window.addEventListener("online", on);
    window.addEventListener("offline", off);
    const timer = window.setInterval(() => void syncNow(), RETRY_EVERY_MS);
    return () => {
      live = false;
      window.removeEventListener("online", on);
      window.removeEventListener("offline", off);
      window.clearInterval(timer);
    };
  }, [userId, warmList]);
  return null;
}

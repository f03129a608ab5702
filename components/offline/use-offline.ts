"use client";
// React's view of the offline runtime (lib/client/offline/runtime.ts).
import { useSyncExternalStore } from "react";
import { offlineStore, type OfflineState } from "@/lib/client/offline/runtime";

export function useOfflineState(): OfflineState {
  return useSyncExternalStore(offlineStore.subscribe, offlineStore.get, offlineStore.server);
}

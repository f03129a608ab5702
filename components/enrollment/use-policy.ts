"use client";
// The policy snapshot for a payment date: the one the page shipped, or fetched once per other date.
import { useEffect, useState } from "react";
import type { PolicySnapshot } from "@/lib/domain/contribution";
import { isIsoDate } from "@/lib/domain/dates";
import { policyAction } from "@/app/(app)/enrollees/actions";

export function usePolicy(initial: PolicySnapshot | null, date: string): { policy: PolicySnapshot | null; loading: boolean } {
  const [known, setKnown] = useState<Record<string, PolicySnapshot | null>>(initial ? { [initial.date]: initial } : {});
  const valid = isIsoDate(date);
  const have = valid && Object.prototype.hasOwnProperty.call(known, date);
  useEffect(() => {
    if (!valid || have) return;
    let live = true;
    policyAction(date).then(
      (s) => live && setKnown((k) => ({ ...k, [date]: s.policy ?? null })),
      () => live && setKnown((k) => ({ ...k, [date]: null })),
    );
    return () => {
      live = false;
    };
  }, [date, valid, have]);
  return { policy: have ? known[date] : null, loading: valid && !have };
}

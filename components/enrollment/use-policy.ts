"use client";
// The policy snapshot for a payment date: the one the page shipped, or fetched once per other date.
import { useEffect, useState } from "react";
import type { PolicySnapshot } from "@/lib/domain/contribution";
import { isIsoDate } from "@/lib/domain/dates";
import type { FormState } from "@/lib/validation/form";
import { offlinePolicyOn } from "@/lib/client/offline/runtime";

/** The server action that answers the policy in force on a date (passed down from the page: components never import app/). */
export type PolicyLookup = (date: string) => Promise<FormState & { policy?: PolicySnapshot | null }>;

export function usePolicy(initial: PolicySnapshot | null, date: string, policyAction: PolicyLookup): { policy: PolicySnapshot | null; loading: boolean } {
  const [known, setKnown] = useState<Record<string, PolicySnapshot | null>>(initial ? { [initial.date]: initial } : {});
  const valid = isIsoDate(date);
  const have = valid && Object.prototype.hasOwnProperty.call(known, date);
  useEffect(() => {
    if (!valid || have) return;
    let live = true;
    policyAction(date).then(
      (s) => live && setKnown((k) => ({ ...k, [date]: s.policy ?? null })),
      // no connection: the policy kept for offline work (today's or the next known change, issue 12)
      () => live && setKnown((k) => ({ ...k, [date]: offlinePolicyOn(date) })),
    );
    return () => {
      live = false;
    };
  }, [date, valid, have, policyAction]);
  return { policy: have ? known[date] : null, loading: valid && !have };
}

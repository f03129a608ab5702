// An agent's state as a coloured badge.
import type { AgentState } from "@/lib/domain/agent-status";
import { Badge, type BADGE_TONES } from "@/components/ui/lists";

const TONE: Record<AgentState, keyof typeof BADGE_TONES> = { ACTIVE: "green", SUSPENDED: "amber", ENDED: "slate", EXPIRED: "red", NOT_STARTED: "sky" };

export function StateBadge({ state, label }: { state: AgentState; label: string }) {
  return (
    <Badge tone={TONE[state]} data-testid="agent-state" data-state={state}>
      {label}
    </Badge>
  );
}

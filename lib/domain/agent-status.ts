// A collection agent's contract state on a date, and whether it may be chosen for new enrollments.
// Pure: the stored status (ACTIVE / SUSPENDED / ENDED) is what an admin set; the contract dates
// can end an agent without anyone touching the status, so both are read together (ADR 0401).
import type { IsoDate } from "./dates";

export type AgentStatus = "ACTIVE" | "SUSPENDED" | "ENDED";

/** What the list shows: the stored status, refined by the contract dates. */
export type AgentState = "ACTIVE" | "SUSPENDED" | "ENDED" | "EXPIRED" | "NOT_STARTED";
export const AGENT_STATES = ["ACTIVE", "SUSPENDED", "ENDED", "EXPIRED", "NOT_STARTED"] as const satisfies readonly AgentState[];

export type AgentContract = { status: AgentStatus; contractStart: IsoDate | Date; contractEnd: IsoDate | Date | null };

const iso = (d: IsoDate | Date): IsoDate => (typeof d === "string" ? d : d.toISOString().slice(0, 10));

/** The contract end date is the last day the agent may work (inclusive). */
export function agentState(a: AgentContract, today: IsoDate): AgentState {
  if (a.status === "ENDED") return "ENDED";
  if (a.status === "SUSPENDED") return "SUSPENDED";
  if (a.contractEnd !== null && iso(a.contractEnd) < today) return "EXPIRED";
  if (iso(a.contractStart) > today) return "NOT_STARTED";
  return "ACTIVE";
}

/**
 * May this agent be chosen for a new enrollment today? Only when its status is ACTIVE and today
 * lies within its contract (start ≤ today ≤ end, no end = open-ended).
 * The database form of the same rule is `selectableAgentWhere` in lib/server/agents/agents.ts.
 */
export function isAgentSelectable(a: AgentContract, today: IsoDate): boolean {
  return agentState(a, today) === "ACTIVE";
}

export type AgentAction = "suspend" | "reactivate" | "end";

/** Status changes an admin may make: ENDED is final (a renewed contract is a new agent record). */
export function allowedAgentActions(a: Pick<AgentContract, "status">): AgentAction[] {
  switch (a.status) {
    case "ACTIVE":
      return ["suspend", "end"];
    case "SUSPENDED":
      return ["reactivate", "end"];
    case "ENDED":
      return [];
  }
}

/**
 * May a conference held on `heldOn` name this agent? A planned one (today or later) needs an agent
 * that is selectable today; a past one needs an agent whose contract covered that day. A suspended
 * agent is refused for past days too: no status history is kept, so we cannot tell when it stopped.
 */
export function agentCanServeConference(a: AgentContract, heldOn: IsoDate, today: IsoDate): boolean {
  if (heldOn >= today) return isAgentSelectable(a, today);
  if (a.status !== "ACTIVE") return a.status === "ENDED" && a.contractEnd !== null && iso(a.contractStart) <= heldOn && heldOn <= iso(a.contractEnd);
  return iso(a.contractStart) <= heldOn && (a.contractEnd === null || heldOn <= iso(a.contractEnd));
}

import { describe, expect, it } from "vitest";
import { agentCanServeConference, agentState, allowedAgentActions, isAgentSelectable, type AgentContract } from "@/lib/domain/agent-status";

const a = (over: Partial<AgentContract> = {}): AgentContract => ({ status: "ACTIVE", contractStart: "2025-01-01", contractEnd: null, ...over });

describe("agent state and selectability", () => {
  it("reads the stored status and the contract dates together", () => {
    expect(agentState(a(), "2026-06-15")).toBe("ACTIVE");
    expect(agentState(a({ status: "SUSPENDED" }), "2026-06-15")).toBe("SUSPENDED");
    expect(agentState(a({ status: "ENDED", contractEnd: "2026-06-30" }), "2026-06-15")).toBe("ENDED");
    expect(agentState(a({ contractEnd: "2026-06-14" }), "2026-06-15")).toBe("EXPIRED");
    expect(agentState(a({ contractEnd: "2026-06-15" }), "2026-06-15")).toBe("ACTIVE"); // the end date is the last working day
    expect(agentState(a({ contractStart: "2026-06-16" }), "2026-06-15")).toBe("NOT_STARTED");
    expect(agentState(a({ contractStart: new Date("2026-06-15T00:00:00Z") }), "2026-06-15")).toBe("ACTIVE"); // DATE columns as Dates
  });

  it("only an active agent within its contract is selectable", () => {
    expect(isAgentSelectable(a(), "2026-06-15")).toBe(true);
    for (const over of [{ status: "SUSPENDED" as const }, { status: "ENDED" as const }, { contractEnd: "2026-06-14" }, { contractStart: "2026-07-01" }]) {
      expect(isAgentSelectable(a(over), "2026-06-15")).toBe(false);
    }
  });

  it("allows suspend/end from active, reactivate/end from suspended, nothing once ended", () => {
    expect(allowedAgentActions({ status: "ACTIVE" })).toEqual(["suspend", "end"]);
    expect(allowedAgentActions({ status: "SUSPENDED" })).toEqual(["reactivate", "end"]);
    expect(allowedAgentActions({ status: "ENDED" })).toEqual([]);
  });

  it("lets a conference name an agent that could work on its date", () => {
    const today = "2026-06-15";
    expect(agentCanServeConference(a(), "2026-07-01", today)).toBe(true);
    expect(agentCanServeConference(a({ status: "SUSPENDED" }), "2026-07-01", today)).toBe(false);
    expect(agentCanServeConference(a({ contractEnd: "2026-06-30" }), "2026-07-01", today)).toBe(true); // selectable today; the date check is for past events
    expect(agentCanServeConference(a({ status: "ENDED", contractEnd: "2026-03-31" }), "2026-03-01", today)).toBe(true);
    expect(agentCanServeConference(a({ status: "ENDED", contractEnd: "2026-03-31" }), "2026-04-01", today)).toBe(false);
    expect(agentCanServeConference(a({ status: "ENDED", contractEnd: "2026-03-31" }), "2026-07-01", today)).toBe(false);
    expect(agentCanServeConference(a({ contractStart: "2026-02-01" }), "2026-01-15", today)).toBe(false);
    expect(agentCanServeConference(a({ status: "SUSPENDED" }), "2026-03-01", today)).toBe(false);
  });
});

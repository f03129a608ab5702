// The API's filter errors in the caller's language, without regexes (issue 17 item 9). Before:
// GET /api/v1/enrollees?commune=abc answered "Invalid string: must match pattern /^\d{5}$/" to everyone.
import { describe, expect, it } from "vitest";
import { enrolleeFilterSchema } from "@/lib/validation/enrollee-filter";
import { agentFilterSchema } from "@/lib/validation/agent";
import { queryErrorMap } from "@/lib/validation/query-errors";

const messagesOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));

describe("API query errors", () => {
  const bad = { commune: "abc", status: "NOPE", page: "x", pageSize: "9999" };

  it("Vietnamese for a Vietnamese caller, English for an English one; never a pattern", () => {
    const vi = messagesOf(enrolleeFilterSchema.safeParse(bad, { error: queryErrorMap("vi") }));
    expect(vi).toEqual({
      commune: "sai định dạng (mã xã gồm 5 chữ số)",
      status: "phải là một trong: NEVER_PAID, ACTIVE, DUE, OVERDUE, LAPSED",
      page: "phải là số nguyên",
      pageSize: "quá lớn hoặc quá dài",
    });
    const en = messagesOf(enrolleeFilterSchema.safeParse(bad, { error: queryErrorMap("en") }));
    expect(en.commune).toBe("has the wrong format (a 5-digit commune code)");
    const agents = messagesOf(agentFilterSchema.safeParse({ province: "1" }, { error: queryErrorMap("en") }));
    expect(agents.province).toBe("has the wrong format (a 2-digit province code)");
    for (const m of [...Object.values(vi), ...Object.values(en), ...Object.values(agents)]) expect(m).not.toMatch(/[\\^$/]|pattern/);
  });
});

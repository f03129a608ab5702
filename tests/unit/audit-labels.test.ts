// Every kind of audit entry the code writes has a label in words, in Vietnamese and English (issue 15):
// the kinds are found by reading the sources (every writeAudit call's `action:`), not from a list kept
// by hand, so a new kind written anywhere without a label fails here.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "@/lib/domain/audit-actions";
import { auditLedgerEn, auditLedgerVi } from "@/lib/i18n/areas/trust";
import { fieldLabel, ledgerValue } from "@/components/trust/audit-diff";

const ROOT = path.resolve(__dirname, "../..");

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(rel));
    else if (/\.tsx?$/.test(e.name)) out.push(rel);
  }
  return out;
}

/** The `action:` expression of every writeAudit(…) call in the app's sources. */
function writtenKinds(): { literals: Set<string>; templates: string[]; calls: number } {
  const literals = new Set<string>();
  const templates: string[] = [];
  let calls = 0;
  for (const file of [...sources("lib"), ...sources("app")]) {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    for (const m of text.matchAll(/writeAudit\(/g)) {
      if (text.slice(m.index - 20, m.index).includes("function")) continue; // the definition
      const call = text.slice(m.index, m.index + 600);
      const a = /action:\s*([^,\n]+(?:\?[^,\n]+:[^,\n]+)?)/.exec(call);
      if (!a) continue;
      calls++;
      const expr = a[1];
      for (const s of expr.matchAll(/"([^"]+)"/g)) literals.add(s[1]);
      for (const s of expr.matchAll(/`([^`]+)`/g)) templates.push(s[1]);
      if (!/["`]/.test(expr)) literals.add(`<not a literal in ${file}: ${expr.trim()}>`);
    }
  }
  return { literals, templates, calls };
}

describe("audit action labels", () => {
  it("every kind written by the code is a known kind", () => {
    const { literals, templates, calls } = writtenKinds();
    expect(calls).toBeGreaterThan(30);
    for (const k of literals) expect(AUDIT_ACTIONS, `audit kind "${k}"`).toContain(k);
    // a kind built from a template (agent.${action}): every kind it can produce is listed (the type-check
    // proves it: AuditEntry.action is the AuditAction union); here, at least one of the list matches it
    for (const tpl of templates) {
      const re = new RegExp(`^${tpl.replace(/[.]/g, "\\.").replace(/\$\{[^}]+\}/g, "[A-Za-z_]+")}$`);
      expect(AUDIT_ACTIONS.filter((k) => re.test(k)).length, `template ${tpl}`).toBeGreaterThan(1);
    }
  });

  it("every kind has a label in words in both languages, different from its code", () => {
    for (const k of AUDIT_ACTIONS) {
      for (const L of [auditLedgerVi, auditLedgerEn]) {
        expect(L.actions[k], k).toBeTruthy();
        expect(L.actions[k]).not.toBe(k);
        expect(L.actions[k]).not.toMatch(/^[a-z]+\.[a-z_.]+$/i);
      }
    }
    expect(new Set(AUDIT_ACTIONS.map((k) => auditLedgerVi.actions[k])).size).toBe(AUDIT_ACTIONS.length);
  });

  it("fields read as labels and values as a person writes them", () => {
    expect(fieldLabel("lockedAt", auditLedgerVi)).toBe("Thời điểm khóa");
    expect(fieldLabel("agentId", auditLedgerEn)).toBe("Collection agent (id)");
    expect(fieldLabel("payment.paidOn", auditLedgerVi)).toBe("Ngày nộp");
    expect(ledgerValue("gross", "3960000", "vi", auditLedgerVi)).toBe("3.960.000 ₫");
    expect(ledgerValue("participants", "12500", "en", auditLedgerEn)).toBe("12,500");
    expect(ledgerValue("paidOn", "2025-03-10", "en", auditLedgerEn)).toBe("10/03/2025");
    expect(ledgerValue("lockedAt", "2026-12-04T01:30:00.000Z", "vi", auditLedgerVi)).toBe("04/12/2026 08:30");
    expect(ledgerValue("locked", "true", "vi", auditLedgerVi)).toBe("Có");
    expect(ledgerValue("agentId", "4616", "vi", auditLedgerVi)).toBe("4616");
  });
});

// Scoping in one place (issue 16, item 2): every rule that looks at a scope's level lives in
// lib/server/auth (authz.ts). A file anywhere else that inspects `scope.level` — `p.scope.level === "NATION"`,
// a switch on it, passing it along — is a second copy of a scope rule, so this test fails on it and names
// the file and line. Use isNational, ownProvince, ownArea, provinceFor, provinceWhere, provincesWhere, provinceInScope,
// levelBelow, levelAtOrBelow, scopeWhere, scopeCondition, userScopeWhere or unitCodeInScopeCondition instead.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const SCANNED = ["app", "components", "lib", "scripts", "proxy.ts"];
const ALLOWED = "lib/server/auth/";

/** Lines of `source` that inspect a scope's level (comments included: the rule is textual and strict). */
export function scopeLevelUses(source: string): number[] {
  const out: number[] = [];
  source.split("\n").forEach((line, i) => {
    if (/\bscope\s*\??\.\s*level\b/.test(line) || /\bscope\s*\[\s*["']level["']\s*\]/.test(line)) out.push(i + 1);
  });
  return out;
}

function sourceFiles(rel: string): string[] {
  const abs = path.join(ROOT, rel);
  if (!fs.existsSync(abs)) return [];
  if (fs.statSync(abs).isFile()) return /\.(ts|tsx|mjs|js)$/.test(rel) ? [rel] : [];
  return fs.readdirSync(abs).flatMap((name) => (name === "node_modules" || name.startsWith(".") ? [] : sourceFiles(path.join(rel, name))));
}

describe("scope rules live in lib/server/auth", () => {
  it("the scanner finds a level check (a deliberate violation)", () => {
    const fixture = [
      'const province = p.scope.level === "NATION" ? f.province : p.scope.provinceCode;',
      "switch (principal.scope.level) {",
      'if (scope?.level !== "AREA") return;',
      'const l = p.scope["level"];',
      "const unitLevel = unit.level; // a unit's level is not a scope's",
    ].join("\n");
    expect(scopeLevelUses(fixture)).toEqual([1, 2, 3, 4]);
  });

  it("no file outside lib/server/auth inspects scope.level", () => {
    const files = SCANNED.flatMap(sourceFiles).map((f) => f.split(path.sep).join("/"));
    expect(files.length).toBeGreaterThan(100);
    const offenders = files
      .filter((f) => !f.startsWith(ALLOWED))
      .flatMap((f) => scopeLevelUses(fs.readFileSync(path.join(ROOT, f), "utf8")).map((line) => `${f}:${line}`));
    expect(offenders).toEqual([]);
  });
});

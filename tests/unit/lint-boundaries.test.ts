// The layers are lint rules (eslint.config.mjs, BOUNDARIES): each fixture in tests/lint/fixtures breaks
// one on purpose and is linted as if it lived where its violation matters (the fixtures themselves are
// left out of `npm run lint` and of the type check). A rule that stops firing fails here.
import fs from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const FIXTURES = path.join(ROOT, "tests/lint/fixtures");
const RULE = "@typescript-eslint/no-restricted-imports";
const eslint = new ESLint({ cwd: ROOT });

/** The import sources the boundary rule refuses when `fixture` is linted as `as`. */
async function refused(fixture: string, as: string): Promise<string[]> {
  const code = fs.readFileSync(path.join(FIXTURES, fixture), "utf8");
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, as) });
  const others = result.messages.filter((m) => m.ruleId !== RULE);
  expect(others, JSON.stringify(others)).toEqual([]); // the fixture is otherwise clean: only the boundary fires
  return result.messages.map((m) => /'([^']+)' import is restricted/.exec(m.message)?.[1] ?? m.message);
}

describe("import boundaries", () => {
  it("lib/domain imports nothing from lib/server, app, components or lib/ops (alias or relative)", async () => {
    expect(await refused("domain-imports-server.ts", "lib/domain/fixture.ts")).toEqual([
      "@/lib/server/db/index",
      "@/app/api/v1/me/route",
      "@/components/shell/language-switch",
      "@/lib/ops/migrate",
      "../server/db/url",
    ]);
  });

  it("lib/domain may import itself and packages", async () => {
    expect(await refused("domain-clean.ts", "lib/domain/fixture.ts")).toEqual([]);
  });

  it("components never import from app (not even types), nor operations tooling", async () => {
    expect(await refused("component-imports-app.ts", "components/fixture/fixture.tsx")).toEqual([
      "@/app/actions/locale",
      "@/lib/ops/seed/reference",
      "@/app/(app)/targets/actions",
    ]);
  });

  it("the request path (lib/server, app, proxy) never imports lib/ops or scripts", async () => {
    const expected = ["@/lib/ops/backup", "../../ops/connect", "@/scripts/load-env"];
    for (const as of ["lib/server/fixture/fixture.ts", "app/api/v1/fixture/route.ts", "proxy.ts"]) {
      expect(await refused("request-path-imports-ops.ts", as), as).toEqual(expected);
    }
  });

  it("the fixtures are not part of the normal lint", async () => {
    expect(await eslint.isPathIgnored(path.join(FIXTURES, "domain-imports-server.ts"))).toBe(true);
  });
});

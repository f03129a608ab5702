// The authorization matrix (tests/authz/matrix.ts) must name every page, route handler method and server
// action that app/ exposes — a new one without a row fails here — and nothing that no longer exists.
import { describe, expect, it } from "vitest";
import { CALLERS, COLLECTOR_CELL_KEYS, MATRIX, keyOf } from "../authz/matrix";
import { scanSurface } from "../authz/surface";

const surface = scanSurface();

describe("authorization matrix: complete", () => {
  it("finds the app's surface (sanity: the scanner works)", () => {
    expect(surface.pages.length).toBeGreaterThan(25);
    expect(surface.routes.length).toBeGreaterThan(30);
    expect(surface.actions.length).toBeGreaterThan(25);
    expect(surface.routes.map((r) => r.key)).toEqual(expect.arrayContaining(["GET /api/v1/me", "POST /api/imports/upload", "POST /api/auth/[...nextauth]"]));
  });

  it("has a row for every page", () => {
    const rows = new Set(MATRIX.filter((e) => e.kind === "page").map((e) => e.target));
    expect(
      surface.pages.filter((p) => !rows.has(p.url)).map((p) => `${p.url} (${p.file})`),
      "pages without a row in tests/authz/matrix.ts",
    ).toEqual([]);
  });

  it("has a row for every method of every route handler", () => {
    const rows = new Set(MATRIX.filter((e) => e.kind === "route").map((e) => e.target));
    expect(
      surface.routes.filter((r) => !rows.has(r.key)).map((r) => `${r.key} (${r.file})`),
      "route methods without a row in tests/authz/matrix.ts",
    ).toEqual([]);
  });

  it("has a row for every exported server action", () => {
    const rows = new Set(MATRIX.filter((e) => e.kind === "action").map((e) => e.target));
    expect(
      surface.actions.filter((a) => !rows.has(a.key)).map((a) => a.key),
      "server actions without a row in tests/authz/matrix.ts",
    ).toEqual([]);
  });

  it("has no row for something that no longer exists, and no duplicate row", () => {
    const exists = new Set([...surface.pages.map((p) => p.url), ...surface.routes.map((r) => r.key), ...surface.actions.map((a) => a.key)]);
    expect(MATRIX.filter((e) => !exists.has(e.target)).map(keyOf), "rows naming nothing in app/").toEqual([]);
    const keys = MATRIX.map(keyOf);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it("states a cell for every caller, and 'n/a' only where nothing is outside", () => {
    for (const e of MATRIX) {
      expect(e.in, keyOf(e)).toHaveLength(CALLERS.length);
      expect(e.out, keyOf(e)).toHaveLength(CALLERS.length);
      expect(e.out[0], `${keyOf(e)}: nothing is outside the national admin's scope`).toBe("n/a");
      expect(e.in, keyOf(e)).not.toContain("n/a");
    }
  });

  it("names only existing rows in the collector's cells (everything else is 403 for it)", () => {
    const keys = new Set(MATRIX.map(keyOf));
    expect(COLLECTOR_CELL_KEYS.filter((k) => !keys.has(k))).toEqual([]);
  });
});

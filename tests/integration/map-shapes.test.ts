// Issue 14: every province and commune of the app has a shape on the map, and the layers the server
// cuts for a phone hold exactly the units they should, with borders that still line up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { freshDb, type TestDb } from "./db";
import fs from "node:fs";
import { MAP_FILE, mapCodes, mapLayer } from "@/lib/server/dashboard/map-geometry";

let t: TestDb;
beforeAll(async () => {
  t = await freshDb();
});
afterAll(async () => {
  await t.close();
});

describe("the map's shapes and the Unit table", () => {
  it("every province and every commune has exactly one shape, and every shape is a unit", async () => {
    const units = await t.prisma.unit.findMany({ where: { level: { in: ["PROVINCE", "COMMUNE"] } }, select: { code: true, level: true } });
    const provinces = units
      .filter((u) => u.level === "PROVINCE")
      .map((u) => u.code)
      .sort();
    const communes = units
      .filter((u) => u.level === "COMMUNE")
      .map((u) => u.code)
      .sort();
    expect(provinces).toHaveLength(34);
    expect(communes).toHaveLength(3321);
    const shapes = mapCodes();
    expect([...shapes.provinces].sort()).toEqual(provinces);
    expect([...shapes.communes].sort()).toEqual(communes);
  });

  it("a province's layer holds its communes only, and shares the full map's coordinates", async () => {
    const hanoi = (await t.prisma.unit.findMany({ where: { level: "COMMUNE", provinceCode: "01" }, select: { code: true } })).map((u) => u.code).sort();
    const part = JSON.parse(mapLayer("01")!) as Topology;
    const fc = feature(part, part.objects.communes as GeometryCollection);
    expect(fc.features.map((f) => String(f.id)).sort()).toEqual(hanoi);
    const full = JSON.parse(mapLayer("provinces")!) as Topology;
    expect(part.transform).toEqual(full.transform);
    // smaller than the whole file: a phone downloads only what it shows
    expect(mapLayer("01")!.length).toBeLessThan(400_000);
    expect(mapLayer("99")).toBeNull();
    expect(mapLayer("../x")).toBeNull();
    // the cut is exact: Ba Đình's outline equals the one drawn from the whole file
    const source = JSON.parse(fs.readFileSync(MAP_FILE, "utf8")) as Topology;
    const a = feature(source, source.objects.communes as GeometryCollection).features.find((f) => f.id === "00004")!.geometry;
    const b = fc.features.find((f) => f.id === "00004")!.geometry;
    expect(b).toEqual(a);
  });
});

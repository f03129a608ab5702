import { describe, expect, it } from "vitest";
import {
  MAP_BREAKS,
  MAP_COLOURS,
  NO_DATA,
  NO_DATA_COLOUR,
  mapClass,
  mapColour,
  mapLegend,
  mapMeasuresOf,
  mapValue,
  type MapFigures,
} from "@/lib/domain/map-classes";

const unit = (over: Partial<MapFigures> = {}): MapFigures => ({
  participants: 950,
  target: 1000,
  attainmentPct: 95,
  labourForce: 40_000,
  coveragePct: 2.38,
  expectedParticipants: 1000,
  missingToExpected: 50,
  ...over,
});

describe("map values and legend classes", () => {
  it("classes are closed below and open above: a bound belongs to the class it starts", () => {
    expect(MAP_BREAKS.attainment).toEqual([50, 75, 90, 100]);
    expect([0, 49.99, 50, 74.99, 75, 89.99, 90, 99.99, 100, 250].map((v) => mapClass("attainment", v))).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect([0.5, 1, 2.49, 2.5, 5, 12].map((v) => mapClass("coverage", v))).toEqual([0, 1, 2, 3, 4, 4]);
  });

  it("no data / no target is its own class, with its own colour", () => {
    expect(mapClass("attainment", null)).toBe(NO_DATA);
    expect(mapClass("coverage", Number.NaN)).toBe(NO_DATA);
    expect(mapValue("attainment", unit({ target: null, attainmentPct: null }))).toBeNull();
    expect(mapValue("attainment", unit({ target: 0, attainmentPct: null }))).toBeNull();
    expect(mapValue("coverage", unit({ labourForce: 0, coveragePct: null }))).toBeNull();
    expect(mapValue("r28", unit({ expectedParticipants: 0 }))).toBeNull();
    expect(mapColour(NO_DATA)).toBe(NO_DATA_COLOUR);
    expect(mapColour(4)).toBe(MAP_COLOURS[4]);
  });

  it("each measure reads its figure: attainment, coverage, share of Resolution 28's expected participants", () => {
    const u = unit();
    expect(mapValue("attainment", u)).toBe(95);
    expect(mapValue("coverage", u)).toBe(2.38);
    expect(mapValue("r28", unit({ participants: 333, expectedParticipants: 1000 }))).toBe(33.3);
    expect(mapClass("r28", mapValue("r28", unit({ participants: 1000, expectedParticipants: 1000 })))).toBe(4);
  });

  it("the renewal rate is offered only once units carry one", () => {
    expect(mapMeasuresOf([unit()])).toEqual(["attainment", "coverage", "r28"]);
    expect(mapMeasuresOf([unit({ renewalRatePct: null }), unit()])).toContain("renewal");
    expect(mapValue("renewal", unit({ renewalRatePct: 81.5 }))).toBe(81.5);
    expect(mapClass("renewal", 81.5)).toBe(3);
  });

  it("the legend lists every class with its bounds", () => {
    expect(mapLegend("attainment").map((c) => [c.from, c.to])).toEqual([
      [null, 50],
      [50, 75],
      [75, 90],
      [90, 100],
      [100, null],
    ]);
  });
});

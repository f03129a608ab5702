// The map's legend: which value of a unit each measure shows, and the class (colour) of that value.
// Pure; the choropleth (components/dashboard/choropleth-map.tsx) and its tests use it.
//
// Classes are closed below, open above: a value v is in class i when breaks[i] ≤ v < breaks[i + 1]
// (the first class from −∞, the last to +∞). A unit without the value — no target for attainment,
// no labour force for coverage, no expected coverage for Resolution 28 — is in NO_DATA.

export const MAP_MEASURES = ["attainment", "coverage", "r28", "renewal"] as const;
export type MapMeasure = (typeof MAP_MEASURES)[number];

/** The figures of one unit the map can show (a subset of the dashboard's UnitFigures). */
export type MapFigures = {
  participants: number;
  target: number | null;
  attainmentPct: number | null;
  labourForce: number;
  coveragePct: number | null;
  expectedParticipants: number;
  missingToExpected: number;
  /**
   * Renewal rate, % — the retention figure (lib/server/dashboard/retention.ts renewalRates, read by
   * lib/server/dashboard/map.ts); null when nobody's coverage ended in the period. Figures without it
   * (undefined) do not offer the "renewal" measure (mapMeasuresOf).
   */
  renewalRatePct?: number | null;
};

/** Lower bounds of classes 1..n (class 0 is everything below the first bound). */
export const MAP_BREAKS: Record<MapMeasure, number[]> = {
  // % of the year's target: the forecast's thresholds (90%, 100%) are two of the bounds
  attainment: [50, 75, 90, 100],
  // % of the labour force covered; Resolution 28 asks 2.5% in 2025 and 5% in 2030
  coverage: [1, 2, 2.5, 5],
  // % of Resolution 28's expected participants reached
  r28: [50, 75, 90, 100],
  // % of coverage ends renewed in time
  renewal: [50, 65, 80, 90],
};

/** Colours from "far behind" to "reached" (ColorBrewer RdYlGn, 5 classes: legible in print and for most colour-blind readers with the legend's labels). */
export const MAP_COLOURS = ["#d7191c", "#fdae61", "#ffffbf", "#a6d96a", "#1a9641"] as const;
export const NO_DATA_COLOUR = "#d1d5db";
export const NO_DATA = -1;

/** The value a measure shows for a unit, or null (no data / no target). */
export function mapValue(measure: MapMeasure, f: MapFigures): number | null {
  switch (measure) {
    case "attainment":
      return f.target ? f.attainmentPct : null;
    case "coverage":
      return f.labourForce > 0 ? f.coveragePct : null;
    case "r28":
      return f.expectedParticipants > 0 ? Math.round((f.participants * 10000) / f.expectedParticipants) / 100 : null;
    case "renewal":
      return f.renewalRatePct ?? null;
  }
}

/** The class of a value: 0..breaks.length, or NO_DATA for null / not a finite number. */
export function mapClass(measure: MapMeasure, value: number | null | undefined): number {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_DATA;
  const breaks = MAP_BREAKS[measure];
  let i = 0;
  while (i < breaks.length && value >= breaks[i]) i++;
  return i;
}

export function mapColour(cls: number): string {
  return cls === NO_DATA ? NO_DATA_COLOUR : MAP_COLOURS[cls];
}

/** The legend of a measure: one entry per class, [from, to) bounds (null = open). */
export function mapLegend(measure: MapMeasure): { cls: number; from: number | null; to: number | null; colour: string }[] {
  const b = MAP_BREAKS[measure];
  return [...Array(b.length + 1).keys()].map((i) => ({ cls: i, from: i === 0 ? null : b[i - 1], to: i === b.length ? null : b[i], colour: MAP_COLOURS[i] }));
}

/** The measures that can be shown for these units: renewal only once some unit carries a renewal rate. */
export function mapMeasuresOf(rows: MapFigures[]): MapMeasure[] {
  return MAP_MEASURES.filter((m) => m !== "renewal" || rows.some((r) => r.renewalRatePct !== undefined));
}

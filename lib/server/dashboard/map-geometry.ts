// The map's geometry (prisma/data/vn-map-2026.topojson, source and licence in prisma/data/README.md;
// ADR 1402): the 2.5 MB topology is cut on the server into the province layer and one small
// topology per province's communes, so a phone downloads only the layer it shows. Each part keeps
// only the arcs its geometries use (renumbered), with the same quantization transform, so shared
// borders still line up. Parts are built once per process and cached; the route adds HTTP caching.
import "server-only";
import fs from "node:fs";
import path from "node:path";

type Geometry = { type: string; id?: string; arcs?: unknown; properties?: Record<string, unknown> };
export type Topology = {
  type: "Topology";
  transform?: { scale: [number, number]; translate: [number, number] };
  objects: Record<string, { type: "GeometryCollection"; geometries: Geometry[] }>;
  arcs: number[][][];
};

export const MAP_FILE = path.resolve(process.cwd(), "prisma", "data", "vn-map-2026.topojson");

let source: Topology | null = null;
function load(): Topology {
  source ??= JSON.parse(fs.readFileSync(MAP_FILE, "utf8")) as Topology;
  return source;
}

/** Renumbers arc references (i, or ~i = −i−1 for a reversed arc) through `map`, collecting the arcs used. */
function remap(arcs: unknown, map: Map<number, number>, used: number[]): unknown {
  if (typeof arcs === "number") {
    const i = arcs < 0 ? ~arcs : arcs;
    let j = map.get(i);
    if (j === undefined) {
      j = used.length;
      used.push(i);
      map.set(i, j);
    }
    return arcs < 0 ? ~j : j;
  }
  return (arcs as unknown[]).map((a) => remap(a, map, used));
}

/** A topology holding only the given geometries of one object, and the arcs they use. */
export function subTopology(topo: Topology, object: string, keep: (g: Geometry) => boolean): Topology {
  const map = new Map<number, number>();
  const used: number[] = [];
  const geometries = topo.objects[object].geometries.filter(keep).map((g) => ({ ...g, arcs: remap(g.arcs, map, used) }));
  return {
    type: "Topology",
    transform: topo.transform,
    objects: { [object]: { type: "GeometryCollection", geometries } },
    arcs: used.map((i) => topo.arcs[i]),
  };
}

const cache = new Map<string, string>();

/**
 * The JSON of a map layer: "provinces" (the 34 provinces) or a province code (that province's
 * communes, object "communes"); null for anything else.
 */
export function mapLayer(layer: string): string | null {
  const hit = cache.get(layer);
  if (hit) return hit;
  const topo = load();
  let part: Topology | null = null;
  if (layer === "provinces") part = subTopology(topo, "provinces", () => true);
  else if (/^\d{2}$/.test(layer)) {
    part = subTopology(topo, "communes", (g) => g.properties?.provinceCode === layer);
    if (part.objects.communes.geometries.length === 0) part = null;
  }
  if (!part) return null;
  const json = JSON.stringify(part);
  cache.set(layer, json);
  return json;
}

/** Every unit code that has a shape: province codes and commune codes. */
export function mapCodes(): { provinces: string[]; communes: string[] } {
  const topo = load();
  return {
    provinces: topo.objects.provinces.geometries.map((g) => String(g.id)),
    communes: topo.objects.communes.geometries.map((g) => String(g.id)),
  };
}

"use client";
// The dashboard's map (issue 14, ADR 1402): a choropleth of the units of a view, as SVG drawn with
// d3-geo from the TopoJSON layer the server cuts for it (GET /api/v1/map/{layer}, cached by the
// browser). Classes and colours come from lib/domain/map-classes.ts. Hover (or a first tap on a
// phone) shows the unit's figures; a click (a second tap) opens the unit's dashboard.
import { useEffect, useMemo, useRef, useState } from "react";
import { geoMercator, geoPath } from "d3-geo";
import { feature } from "topojson-client";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import type { GeometryCollection, Topology } from "topojson-specification";
import { mapClass, mapColour, mapLegend, mapMeasuresOf, mapValue, NO_DATA, NO_DATA_COLOUR, type MapMeasure } from "@/lib/domain/map-classes";
import { formatPct } from "@/lib/domain/coverage";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { fill, type Locale } from "@/lib/i18n/locale";
import type { MapData, MapRow } from "@/lib/server/dashboard/map";
import type { mapVi } from "@/lib/i18n/areas/dashboard";

type Labels = typeof mapVi;
const W = 600;

export function ChoroplethMap({
  data,
  labels,
  locale,
  dateLabel,
  linkBase,
  measure: initial = "attainment",
  print = false,
}: {
  data: Pick<MapData, "layer" | "shapes" | "highlight" | "rows" | "renewal">;
  labels: Labels;
  locale: Locale;
  /** the dashboard's date, dd/mm/yyyy */
  dateLabel: string;
  /** a unit's dashboard is linkBase + its code; null: no links (the printed report) */
  linkBase: string | null;
  measure?: MapMeasure;
  print?: boolean;
}) {
  const [topo, setTopo] = useState<Topology | null>(null);
  const [failed, setFailed] = useState(false);
  const [measure, setMeasure] = useState<MapMeasure>(initial);
  const [hover, setHover] = useState<{ code: string; x: number; y: number } | null>(null);
  const lastPointer = useRef<string>("mouse");
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    fetch(`/api/v1/map/${data.layer}`)
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((t: Topology) => live && setTopo(t))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [data.layer]);

  const rowOf = useMemo(() => new Map(data.rows.map((r) => [r.code, r])), [data.rows]);
  const measures = mapMeasuresOf(data.rows);

  const drawn = useMemo(() => {
    if (!topo) return null;
    const object = topo.objects[data.shapes === "PROVINCE" ? "provinces" : "communes"] as GeometryCollection;
    const all = feature(topo, object) as FeatureCollection<Geometry, { code: string }>;
    const features = all.features.filter((f) => rowOf.has(String(f.id)));
    const fc: FeatureCollection = { type: "FeatureCollection", features };
    const projection = geoMercator().fitWidth(W, fc);
    const path = geoPath(projection).digits(1);
    const [[, y0], [, y1]] = path.bounds(fc);
    return { height: Math.ceil(y1 - Math.min(0, y0)) + 2, shapes: features.map((f: Feature) => ({ code: String(f.id), d: path(f) ?? "" })) };
  }, [topo, data.shapes, rowOf]);

  const classOf = (r: MapRow | undefined) => (r ? mapClass(measure, mapValue(measure, r)) : NO_DATA);
  const counts = new Map<number, number>();
  for (const r of data.rows) counts.set(classOf(r), (counts.get(classOf(r)) ?? 0) + 1);
  const hovered = hover ? rowOf.get(hover.code) : undefined;
  const pct = (v: number | null) => formatPct(v, locale);

  const open = (code: string) => {
    if (linkBase) window.location.assign(`${linkBase}${code}`);
  };
  const onClick = (code: string, e: React.MouseEvent) => {
    // a first tap on a touch screen shows the figures, a second one on the same unit opens it
    if (lastPointer.current === "touch" && hover?.code !== code) {
      place(code, e);
      return;
    }
    open(code);
  };
  const place = (code: string, e: React.MouseEvent | React.PointerEvent) => {
    const r = box.current?.getBoundingClientRect();
    setHover({ code, x: r ? e.clientX - r.left : 0, y: r ? e.clientY - r.top : 0 });
  };

  return (
    <div className="space-y-2" data-testid="map" data-layer={data.layer} data-measure={measure}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-sm font-semibold">
          {labels.titleOf[data.shapes]} — {labels.measures[measure]}
        </h2>
        <span className="text-xs text-slate-600" data-testid="map-date">
          {fill(labels.asOf, { date: dateLabel })}
        </span>
      </div>
      {!print && (
        <div role="radiogroup" aria-label={labels.measure} className="flex flex-wrap gap-1 print:hidden">
          {measures.map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={m === measure}
              onClick={() => setMeasure(m)}
              className={`rounded border px-2 py-1 text-xs ${m === measure ? "border-blue-700 bg-blue-700 text-white" : "border-slate-300 bg-white text-slate-700"}`}
            >
              {labels.measures[m]}
            </button>
          ))}
        </div>
      )}
      <div ref={box} className="relative">
        {failed && <p className="text-sm text-red-700">{labels.failed}</p>}
        {!failed && !drawn && <p className="text-sm text-slate-500">{labels.loading}</p>}
        {drawn && (
          <svg
            viewBox={`0 0 ${W} ${drawn.height}`}
            className="h-auto w-full max-h-[75vh] print:max-h-[160mm]"
            role="img"
            aria-label={`${labels.titleOf[data.shapes]} — ${labels.measures[measure]}`}
            onPointerLeave={() => lastPointer.current !== "touch" && setHover(null)}
          >
            {drawn.shapes.map((s) => {
              const r = rowOf.get(s.code);
              const cls = classOf(r);
              return (
                <path
                  key={s.code}
                  d={s.d}
                  data-code={s.code}
                  data-class={cls}
                  fill={mapColour(cls)}
                  stroke={s.code === data.highlight ? "#1e3a8a" : "#ffffff"}
                  strokeWidth={s.code === data.highlight ? 2 : 0.4}
                  className={linkBase ? "cursor-pointer hover:opacity-80" : undefined}
                  onPointerDown={(e) => {
                    lastPointer.current = e.pointerType;
                  }}
                  onPointerMove={(e) => e.pointerType !== "touch" && place(s.code, e)}
                  onClick={(e) => onClick(s.code, e)}
                >
                  <title>{r ? `${r.name}: ${pct(mapValue(measure, r))}` : s.code}</title>
                </path>
              );
            })}
          </svg>
        )}
        {hovered && hover && !print && (
          <div
            data-testid="map-tooltip"
            role="tooltip"
            className="pointer-events-auto absolute z-10 w-56 rounded border border-slate-300 bg-white p-2 text-xs shadow"
            style={{ left: Math.min(hover.x + 8, (box.current?.clientWidth ?? 300) - 230), top: hover.y + 8 }}
          >
            <p className="font-semibold">{hovered.name}</p>
            <p>
              {labels.measures[measure]}: <b>{pct(mapValue(measure, hovered))}</b>
            </p>
            <p>
              {labels.participants}: {formatNumber(hovered.participants, locale)}
            </p>
            <p>
              {labels.target}: {hovered.target === null ? "—" : formatNumber(hovered.target, locale)} ({labels.attainment} {pct(hovered.attainmentPct)})
            </p>
            <p>
              {labels.coverage}: {pct(hovered.coveragePct)}
            </p>
            <p>
              {labels.missing}: {formatNumber(hovered.missingToExpected, locale)}
            </p>
            <p>
              {labels.renewal}: {pct(hovered.renewalRatePct ?? null)} (
              {fill(labels.renewalCounts, { renewed: formatNumber(hovered.renewalRenewed, locale), ended: formatNumber(hovered.renewalEnded, locale) })})
            </p>
            {linkBase && (
              <a className="mt-1 inline-block text-blue-700 underline" href={`${linkBase}${hovered.code}`}>
                {labels.open} →
              </a>
            )}
          </div>
        )}
      </div>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs" data-testid="map-legend" aria-label={labels.legend}>
        {mapLegend(measure).map((c) => (
          <li key={c.cls} className="flex items-center gap-1">
            <span
              className="inline-block h-3 w-4 border border-slate-400"
              style={{ background: c.colour, printColorAdjust: "exact", WebkitPrintColorAdjust: "exact" }}
            />
            {c.from === null
              ? fill(labels.below, { to: c.to! })
              : c.to === null
                ? fill(labels.above, { from: c.from })
                : fill(labels.between, { from: c.from, to: c.to })}
            <span className="text-slate-500">({counts.get(c.cls) ?? 0})</span>
          </li>
        ))}
        <li className="flex items-center gap-1" data-testid="map-legend-nodata">
          <span
            className="inline-block h-3 w-4 border border-slate-400"
            style={{ background: NO_DATA_COLOUR, printColorAdjust: "exact", WebkitPrintColorAdjust: "exact" }}
          />
          {labels.noData} <span className="text-slate-500">({counts.get(NO_DATA) ?? 0})</span>
        </li>
      </ul>
      {measure === "renewal" && (
        <p className="text-xs text-slate-600" data-testid="map-renewal-period">
          {fill(labels.renewalPeriod, { from: formatDate(data.renewal.from), to: formatDate(data.renewal.to) })}
          {data.renewal.provisional ? ` ${labels.renewalProvisional}` : ""}
        </p>
      )}
      {!print && linkBase && <p className="text-xs text-slate-500 print:hidden">{labels.clickHint}</p>}
      <p className="text-[10px] text-slate-400">{labels.source}</p>
    </div>
  );
}

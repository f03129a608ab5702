"use client";
// The two dashboard charts. Labels arrive translated from the server; numbers are formatted here
// with the app's formatter. A fixed `width` (the printable report) renders without measuring.
import type { ReactElement } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatNumber } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/messages";

export type ChartMonth = { label: string; participants: number | null; lastYear: number; newCount: number | null; lapsed: number | null };

function Frame({ width, height, children }: { width?: number; height: number; children: ReactElement }) {
  if (width) return children;
  return (
    <ResponsiveContainer width="100%" height={height}>
      {children}
    </ResponsiveContainer>
  );
}

export function ParticipantsChart({
  months,
  target,
  labels,
  locale,
  width,
  height = 260,
}: {
  months: ChartMonth[];
  target: number | null;
  locale: Locale;
  width?: number;
  height?: number;
  labels: { thisYear: string; lastYear: string; target: string };
}) {
  const fmt = (v: unknown) => (typeof v === "number" ? formatNumber(v, locale) : String(v ?? ""));
  const top = Math.max(target ?? 0, ...months.map((m) => Math.max(m.participants ?? 0, m.lastYear)));
  return (
    <Frame width={width} height={height}>
      <LineChart data={months} width={width} height={width ? height : undefined} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} />
        <YAxis tickFormatter={fmt} tick={{ fontSize: 12 }} width={64} domain={[0, Math.ceil(top * 1.05) || 1]} />
        <Tooltip formatter={fmt} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {target !== null && (
          <ReferenceLine
            y={target}
            stroke="#b91c1c"
            strokeDasharray="6 4"
            label={{ value: `${labels.target}: ${fmt(target)}`, position: "insideTopLeft", fontSize: 12, fill: "#b91c1c" }}
          />
        )}
        <Line type="linear" dataKey="lastYear" name={labels.lastYear} stroke="#94a3b8" strokeDasharray="4 3" dot={false} isAnimationActive={false} />
        <Line
          type="linear"
          dataKey="participants"
          name={labels.thisYear}
          stroke="#0369a1"
          strokeWidth={2}
          dot={{ r: 2 }}
          connectNulls={false}
          isAnimationActive={false}
        />
      </LineChart>
    </Frame>
  );
}

export function FlowChart({
  months,
  labels,
  locale,
  width,
  height = 260,
}: {
  months: ChartMonth[];
  locale: Locale;
  width?: number;
  height?: number;
  labels: { newCount: string; lapsed: string };
}) {
  const fmt = (v: unknown) => (typeof v === "number" ? formatNumber(v, locale) : String(v ?? ""));
  return (
    <Frame width={width} height={height}>
      <BarChart data={months} width={width} height={width ? height : undefined} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} />
        <YAxis tickFormatter={fmt} tick={{ fontSize: 12 }} width={56} allowDecimals={false} />
        <Tooltip formatter={fmt} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="newCount" name={labels.newCount} fill="#0284c7" isAnimationActive={false} />
        <Bar dataKey="lapsed" name={labels.lapsed} fill="#f97316" isAnimationActive={false} />
      </BarChart>
    </Frame>
  );
}

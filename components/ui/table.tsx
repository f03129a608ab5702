import type { ReactNode } from "react";

// Plain, dense tables: users compare numbers across rows, so numbers align right.
// `stack`: below md (phones) the table becomes a list of cards, nothing scrolls sideways (app/phone.css,
// docs/features/phone.md). Each cell then says what it is with `label` and how it shows with `cell`:
// "title" on top (the person, the place), "key" facts in two columns (due date, status, amount),
// "detail" (the default) as small "label: value" text below, "none" not on the card.
// Without `stack` a wide table scrolls inside its own box (admin and officer pages).
export function Table({ children, testId, stack }: { children: ReactNode; testId?: string; stack?: boolean }) {
  return (
    <div className={`${stack ? "md:overflow-x-auto" : "overflow-x-auto"} rounded-lg border border-slate-200 bg-white`}>
      <table className={`w-full border-collapse text-sm ${stack ? "stack" : ""}`} data-testid={testId}>
        {children}
      </table>
    </div>
  );
}

export function Th({ children, numeric }: { children?: ReactNode; numeric?: boolean }) {
  return (
    <th scope="col" className={`border-b border-slate-200 bg-slate-50 px-3 py-2 font-semibold text-slate-700 ${numeric ? "text-right" : "text-left"}`}>
      {children}
    </th>
  );
}

export type CellRole = "title" | "key" | "detail" | "none";

export function Td({
  children,
  numeric,
  className = "",
  label,
  cell,
  name,
}: {
  children?: ReactNode;
  numeric?: boolean;
  className?: string;
  /** the column's header, shown next to the value on a phone's card */
  label?: string;
  /** how the cell shows on a phone's card (tables with `stack`) */
  cell?: CellRole;
  /** a stable name for tests (data-cell-key) */
  name?: string;
}) {
  return (
    <td
      className={`border-b border-slate-100 px-3 py-2 ${numeric ? "text-right tabular-nums" : ""} ${className}`}
      data-label={label}
      data-cell={cell}
      data-cell-key={name}
    >
      {children}
    </td>
  );
}

import type { ReactNode } from "react";

// Plain, dense tables: users compare numbers across rows, so numbers align right.
export function Table({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full border-collapse text-sm" data-testid={testId}>{children}</table>
    </div>
  );
}

export function Th({ children, numeric }: { children?: ReactNode; numeric?: boolean }) {
  return <th scope="col" className={`border-b border-slate-200 bg-slate-50 px-3 py-2 font-semibold text-slate-700 ${numeric ? "text-right" : "text-left"}`}>{children}</th>;
}

export function Td({ children, numeric, className = "" }: { children?: ReactNode; numeric?: boolean; className?: string }) {
  return <td className={`border-b border-slate-100 px-3 py-2 ${numeric ? "text-right tabular-nums" : ""} ${className}`}>{children}</td>;
}

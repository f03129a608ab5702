"use client";
// The navigation and the user's box: a row on md and wider; on phones, folded behind a menu button so
// the header is one line. The server renders it closed (aria-expanded="false"), so there is nothing to
// reconcile on hydration. The menu stays open only on the page where it was opened: following a link
// closes it without an effect.
import { usePathname } from "next/navigation";
import { useId, useState, type MouseEvent, type ReactNode } from "react";

export function ShellMenu({ label, short, children }: { label: string; short: string; children: ReactNode }) {
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const id = useId();
  const closeOnLink = (e: MouseEvent) => {
    if ((e.target as HTMLElement).closest("a")) setOpenOn(null);
  };
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        title={label}
        onClick={() => setOpenOn(open ? null : pathname)}
        className="ml-auto inline-flex min-h-11 min-w-11 items-center justify-center gap-2 rounded border border-slate-300 px-3 text-sm font-medium text-slate-700 hover:bg-slate-100 md:hidden"
        data-testid="menu-button"
      >
        <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          {open ? <path d="M5 5l10 10M15 5L5 15" /> : <path d="M3 5h14M3 10h14M3 15h14" />}
        </svg>
        <span>{short}</span>
      </button>
      <div
        id={id}
        onClick={closeOnLink}
        className={`${open ? "flex" : "hidden"} w-full flex-col gap-3 border-t border-slate-200 pt-2 pb-1 md:flex md:w-auto md:flex-1 md:flex-row md:flex-wrap md:items-center md:gap-x-6 md:gap-y-2 md:border-0 md:p-0`}
      >
        {children}
      </div>
    </>
  );
}

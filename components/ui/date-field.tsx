"use client";
// One date (or month) field for every form and filter: shows and takes dd/mm/yyyy (mm/yyyy for a
// month) whatever the browser's language — the native <input type="date"> follows the browser and
// swapped day and month for English-language browsers — with a calendar to pick from. What the form
// submits stays ISO (yyyy-mm-dd, or yyyy-mm), in a hidden input carrying the field's name, so server
// actions and zod schemas are unchanged. Text that is not a date yet is submitted as typed, so the
// server's validation answers it. Also accepts ISO typed or pasted (yyyy-mm-dd). No library (ADR 1501).
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useHydrated, useKeepTyped } from "./use-hydrated";

export type DateFieldProps = {
  name: string;
  /** "date" (dd/mm/yyyy ↔ yyyy-mm-dd, default) or "month" (mm/yyyy ↔ yyyy-mm). */
  mode?: "date" | "month";
  /** Controlled value, ISO. */
  value?: string;
  /** Uncontrolled initial value, ISO. */
  defaultValue?: string;
  /** Called with the ISO value (or the text as typed while it is not a date). */
  onChange?: (value: string) => void;
  onBlur?: () => void;
  /** ISO bounds: the calendar greys out days outside them (the server still validates). */
  min?: string;
  max?: string;
  required?: boolean;
  disabled?: boolean;
  id?: string;
  className?: string;
  inputClassName?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
  "aria-label"?: string;
  "data-testid"?: string;
  /** Interface language of the calendar (defaults to the page's <html lang>). */
  locale?: "vi" | "en";
  /** Before the page's scripts have run, submit the text as typed under `name` (the hidden ISO input would
   *  still hold the first value). Only for forms whose schema reads dd/mm/yyyy too (the enrollment forms:
   *  parseDateInput); filters and ISO-only forms keep the hidden input, which holds the value rendered. */
  textBeforeScripts?: boolean;
};

const DAY_RE = /^\s*(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4})\s*$/;
const MONTH_RE = /^\s*(\d{1,2})[/.\-\s](\d{4})\s*$/;
const ISO_DAY = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/;
const ISO_MONTH = /^\s*(\d{4})-(\d{1,2})\s*$/;

const pad = (n: number) => String(n).padStart(2, "0");
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function validDay(y: number, m: number, d: number): string | null {
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** dd/mm/yyyy (d/m/yyyy, with / . - or a space; or ISO) → yyyy-mm-dd; mm/yyyy → yyyy-mm; else null. */
export function parseDateText(text: string, mode: "date" | "month" = "date"): string | null {
  if (mode === "month") {
    const a = MONTH_RE.exec(text);
    if (a) return +a[1] >= 1 && +a[1] <= 12 && +a[2] >= 1000 ? `${a[2]}-${pad(+a[1])}` : null;
    const b = ISO_MONTH.exec(text);
    return b && +b[2] >= 1 && +b[2] <= 12 ? `${b[1]}-${pad(+b[2])}` : null;
  }
  const a = DAY_RE.exec(text);
  if (a) return validDay(+a[3], +a[2], +a[1]);
  const b = ISO_DAY.exec(text);
  return b ? validDay(+b[1], +b[2], +b[3]) : null;
}

/** yyyy-mm-dd → dd/mm/yyyy, yyyy-mm → mm/yyyy; anything else unchanged. */
export function formatDateText(value: string | undefined, mode: "date" | "month" = "date"): string {
  if (!value) return "";
  if (mode === "month") {
    const m = /^(\d{4})-(\d{2})$/.exec(value);
    return m ? `${m[2]}/${m[1]}` : value;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

const TEXT = {
  vi: {
    open: "Chọn trên lịch",
    prev: "Tháng trước",
    next: "Tháng sau",
    prevYear: "Năm trước",
    nextYear: "Năm sau",
    close: "Đóng",
    weekdays: ["T2", "T3", "T4", "T5", "T6", "T7", "CN"],
    months: ["Tháng 1", "Tháng 2", "Tháng 3", "Tháng 4", "Tháng 5", "Tháng 6", "Tháng 7", "Tháng 8", "Tháng 9", "Tháng 10", "Tháng 11", "Tháng 12"],
    monthsShort: ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12"],
    today: "Hôm nay",
  },
  en: {
    open: "Pick from a calendar",
    prev: "Previous month",
    next: "Next month",
    prevYear: "Previous year",
    nextYear: "Next year",
    close: "Close",
    weekdays: ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"],
    months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    monthsShort: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    today: "Today",
  },
};

function todayIso(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

const baseInput =
  "w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm aria-[invalid=true]:border-red-500 aria-[invalid=true]:bg-red-50 focus:outline-none focus:ring-2 focus:ring-sky-500";

export function DateField(props: DateFieldProps) {
  const { name, mode = "date", value, defaultValue, onChange, onBlur, min, max, required, disabled, className = "", inputClassName } = props;
  const controlled = value !== undefined;
  const [inner, setInner] = useState(defaultValue ?? "");
  const current = controlled ? value : inner;
  const [text, setText] = useState(formatDateText(current, mode));
  // a new value from outside (a reset, a prefill) replaces the text, unless it is what the text means
  const [seen, setSeen] = useState(current);
  if (current !== seen) {
    setSeen(current);
    if ((parseDateText(text, mode) ?? text) !== current) setText(formatDateText(current, mode));
  }
  const [open, setOpen] = useState(false);
  const [lang, setLang] = useState<"vi" | "en">(props.locale ?? "vi");
  const wrap = useRef<HTMLDivElement>(null);
  const popId = useId();
  const inputId = props.id ?? `f-${name.replace(/\./g, "-")}`;

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (wrap.current && !wrap.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    return () => document.removeEventListener("mousedown", onDown);
  }, [open]);

  const commit = (next: string) => {
    if (!controlled) setInner(next);
    setSeen(next);
    onChange?.(next);
  };
  const onText = (t: string) => {
    setText(t);
    commit(t.trim() === "" ? "" : (parseDateText(t, mode) ?? t));
  };
  // typed before the scripts ran: keep it (and tell the form) once hydrated
  const textRef = useKeepTyped<HTMLInputElement>(text, onText);
  const hydrated = useHydrated();
  const named = props.textBeforeScripts && !hydrated;
  const pick = (iso: string) => {
    setText(formatDateText(iso, mode));
    commit(iso);
    setOpen(false);
    document.getElementById(inputId)?.focus();
  };
  const toggle = () => {
    if (!open && !props.locale) setLang(document.documentElement.lang === "en" ? "en" : "vi");
    setOpen((o) => !o);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape" && open) {
      e.stopPropagation();
      setOpen(false);
    }
  };

  const submitted = current ?? "";
  return (
    <div ref={wrap} className={`relative ${className}`} onKeyDown={onKey}>
      <div className="flex items-stretch gap-1">
        <input
          ref={textRef}
          id={inputId}
          name={named ? name : undefined}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          value={text}
          disabled={disabled}
          required={required}
          placeholder={mode === "month" ? "mm/yyyy" : "dd/mm/yyyy"}
          maxLength={mode === "month" ? 10 : 12}
          onChange={(e) => onText(e.target.value)}
          onBlur={() => {
            const iso = parseDateText(text, mode);
            if (iso) setText(formatDateText(iso, mode));
            onBlur?.();
          }}
          aria-invalid={props["aria-invalid"]}
          aria-describedby={props["aria-describedby"]}
          aria-label={props["aria-label"]}
          data-testid={props["data-testid"]}
          data-iso={submitted}
          className={inputClassName ?? baseInput}
          style={{ minWidth: mode === "month" ? "6.5rem" : "8.5rem" }}
        />
        <button
          type="button"
          onClick={toggle}
          disabled={disabled}
          aria-haspopup="dialog"
          aria-expanded={open}
          aria-controls={open ? popId : undefined}
          aria-label={TEXT[lang].open}
          title={TEXT[lang].open}
          className="shrink-0 rounded border border-slate-300 bg-white px-2 text-slate-600 hover:bg-slate-100 disabled:opacity-60"
          data-testid={props["data-testid"] ? `${props["data-testid"]}-calendar` : undefined}
        >
          <svg aria-hidden viewBox="0 0 20 20" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="1.6">
            <rect x="3" y="4.5" width="14" height="12.5" rx="1.5" />
            <path d="M3 8.5h14M7 2.5v4M13 2.5v4" />
          </svg>
        </button>
      </div>
      {!named && <input type="hidden" name={name} value={submitted} />}
      {open && (
        <div
          id={popId}
          role="dialog"
          aria-label={TEXT[lang].open}
          className="absolute left-0 top-full z-30 mt-1 w-64 rounded-lg border border-slate-300 bg-white p-2 shadow-lg"
        >
          {mode === "month" ? (
            <MonthGrid lang={lang} selected={parseDateText(text, mode)} min={min?.slice(0, 7)} max={max?.slice(0, 7)} onPick={pick} />
          ) : (
            <DayGrid lang={lang} selected={parseDateText(text, mode)} min={min} max={max} onPick={pick} />
          )}
        </div>
      )}
    </div>
  );
}

const navBtn = "rounded px-2 py-1 text-slate-700 hover:bg-slate-100 disabled:opacity-30";

function DayGrid({
  lang,
  selected,
  min,
  max,
  onPick,
}: {
  lang: "vi" | "en";
  selected: string | null;
  min?: string;
  max?: string;
  onPick: (iso: string) => void;
}) {
  const t = TEXT[lang];
  const today = todayIso();
  const start = selected ?? (max && today > max ? max : min && today < min ? min : today);
  const [ym, setYm] = useState({ y: +start.slice(0, 4), m: +start.slice(5, 7) });
  const shift = (d: number) =>
    setYm(({ y, m }) => {
      const k = y * 12 + (m - 1) + d;
      return { y: Math.floor(k / 12), m: (k % 12) + 1 };
    });
  const first = new Date(Date.UTC(ym.y, ym.m - 1, 1)).getUTCDay(); // 0 = Sunday
  const lead = (first + 6) % 7; // weeks start on Monday
  const n = daysIn(ym.y, ym.m);
  const cells: (number | null)[] = [...Array(lead).fill(null), ...Array.from({ length: n }, (_, i) => i + 1)];
  const out = (iso: string) => (min && iso < min) || (max && iso > max);
  return (
    <div>
      <div className="mb-1 flex items-center justify-between gap-1 text-sm">
        <button type="button" className={navBtn} onClick={() => shift(-12)} aria-label={t.prevYear}>
          «
        </button>
        <button type="button" className={navBtn} onClick={() => shift(-1)} aria-label={t.prev}>
          ‹
        </button>
        <span className="flex-1 text-center font-medium" aria-live="polite">
          {t.months[ym.m - 1]} {ym.y}
        </span>
        <button type="button" className={navBtn} onClick={() => shift(1)} aria-label={t.next}>
          ›
        </button>
        <button type="button" className={navBtn} onClick={() => shift(12)} aria-label={t.nextYear}>
          »
        </button>
      </div>
      <div className="grid grid-cols-7 gap-0.5 text-center text-xs">
        {t.weekdays.map((w) => (
          <span key={w} className="py-1 font-medium text-slate-500">
            {w}
          </span>
        ))}
        {cells.map((d, i) => {
          if (d === null) return <span key={`e${i}`} />;
          const iso = `${ym.y}-${pad(ym.m)}-${pad(d)}`;
          const isSel = iso === selected;
          return (
            <button
              key={iso}
              type="button"
              disabled={!!out(iso)}
              onClick={() => onPick(iso)}
              aria-pressed={isSel}
              aria-label={`${pad(d)}/${pad(ym.m)}/${ym.y}`}
              data-date={iso}
              className={`rounded py-1 ${isSel ? "bg-sky-700 text-white" : iso === today ? "font-bold text-sky-800 ring-1 ring-sky-300" : "text-slate-800 hover:bg-sky-50"} disabled:text-slate-300 disabled:hover:bg-transparent`}
            >
              {d}
            </button>
          );
        })}
      </div>
      {!out(today) && (
        <button type="button" className="mt-1 w-full rounded py-1 text-xs text-sky-700 hover:bg-sky-50" onClick={() => onPick(today)}>
          {t.today}
        </button>
      )}
    </div>
  );
}

function MonthGrid({
  lang,
  selected,
  min,
  max,
  onPick,
}: {
  lang: "vi" | "en";
  selected: string | null;
  min?: string;
  max?: string;
  onPick: (iso: string) => void;
}) {
  const t = TEXT[lang];
  const start = selected ?? max ?? todayIso().slice(0, 7);
  const [y, setY] = useState(+start.slice(0, 4));
  return (
    <div>
      <div className="mb-1 flex items-center justify-between text-sm">
        <button type="button" className={navBtn} onClick={() => setY(y - 1)} aria-label={t.prevYear}>
          ‹
        </button>
        <span className="font-medium" aria-live="polite">
          {y}
        </span>
        <button type="button" className={navBtn} onClick={() => setY(y + 1)} aria-label={t.nextYear}>
          ›
        </button>
      </div>
      <div className="grid grid-cols-3 gap-1 text-sm">
        {t.monthsShort.map((label, i) => {
          const iso = `${y}-${pad(i + 1)}`;
          const off = (min && iso < min) || (max && iso > max);
          return (
            <button
              key={iso}
              type="button"
              disabled={!!off}
              onClick={() => onPick(iso)}
              aria-pressed={iso === selected}
              aria-label={`${pad(i + 1)}/${y}`}
              data-date={iso}
              className={`rounded py-1.5 ${iso === selected ? "bg-sky-700 text-white" : "hover:bg-sky-50"} disabled:text-slate-300`}
            >
              {label}
            </button>
          );
        })}
      </div>
    </div>
  );
}

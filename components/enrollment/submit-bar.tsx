"use client";
// The submit button with the amount due next to it. Below lg (phones, tablets) the contribution preview
// sits under the form, so this bar sticks to the bottom of the screen: whatever the person scrolls to,
// the amount to collect and the button that records it are in view together. From lg the preview sits
// beside the form and the bar is a plain button row.
import type { ReactNode } from "react";
import { formatVnd } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locale";
import { previewResult, type PreviewInput } from "./contribution-preview";

export function SubmitBar({ input, locale, amountLabel, children }: { input?: PreviewInput; locale: Locale; amountLabel: string; children: ReactNode }) {
  const r = input ? previewResult(input) : null;
  return (
    <div
      className="sticky bottom-0 z-10 -mx-4 flex min-w-0 items-center gap-3 border-t border-slate-200 bg-white/95 px-4 py-2 shadow-[0_-2px_6px_rgba(0,0,0,0.06)] backdrop-blur lg:static lg:mx-0 lg:border-0 lg:bg-transparent lg:p-0 lg:shadow-none"
      data-testid="submit-bar"
    >
      {input && (
        <p className="mr-auto min-w-0 leading-tight lg:hidden">
          <span className="block text-xs text-slate-500">{amountLabel}</span>
          <span className="text-lg font-bold tabular-nums text-sky-900" data-testid="submit-bar-amount">
            {r?.ok ? formatVnd(r.value.net, locale) : "—"}
          </span>
        </p>
      )}
      {children}
    </div>
  );
}

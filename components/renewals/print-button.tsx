"use client";

/** Opens the browser's print dialog (the page's print CSS makes it a clean A4 call list). */
export function PrintButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      data-testid="print-button"
      className="no-print rounded bg-sky-700 px-3 py-2 text-sm text-white hover:bg-sky-800"
    >
      {label}
    </button>
  );
}

"use client";
// Opens the browser's print dialog (the receipt's A5 print view).
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" onClick={() => window.print()} className="min-h-11 rounded bg-sky-700 px-4 font-medium text-white" data-testid="receipt-print-now">
      {label}
    </button>
  );
}

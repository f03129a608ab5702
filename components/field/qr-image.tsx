// A server-drawn QR code (SVG from lib/server/field/qr.ts: our own markup, no user text inside).
export function QrImage({ svg, label, size = 176 }: { svg: string; label: string; size?: number }) {
  return (
    <div role="img" aria-label={label} style={{ width: size, height: size }} className="shrink-0 bg-white [&>svg]:h-full [&>svg]:w-full" dangerouslySetInnerHTML={{ __html: svg }} />
  );
}

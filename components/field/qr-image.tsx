// A server-drawn QR code (SVG from lib/server/field/qr.ts) shown as an image: a data: URL keeps the markup
// out of the page's HTML (no raw HTML injected anywhere; the CSP allows data: images).
export function QrImage({ svg, label, size = 176 }: { svg: string; label: string; size?: number }) {
  const src = `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
  // eslint-disable-next-line @next/next/no-img-element -- a data: URL drawn on the server, nothing to optimise
  return <img src={src} alt={label} width={size} height={size} className="shrink-0 bg-white" />;
}

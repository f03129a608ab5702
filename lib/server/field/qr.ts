// The QR image of a VietQR payload: an SVG string drawn on the server by the `qrcode` package (ADR 1102),
// so no script reaches the phone and the print view gets a sharp image.
import "server-only";
import QRCode from "qrcode";

export async function qrSvg(payload: string): Promise<string> {
  return QRCode.toString(payload, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#000000", light: "#ffffff" } });
}

// Request bodies read with a byte limit: an oversize upload is refused as soon as the limit is
// crossed, whether or not the client declared a Content-Length (chunked uploads declare none),
// so a 100 MB body is never held in memory whole.
import "server-only";

/** The body's bytes, or `tooLarge()` thrown once more than `limit` bytes have arrived. */
export async function readLimitedBody(req: Request, limit: number, tooLarge: () => Error): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge();
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}

/** A multipart/form-data body parsed after a limited read (`limit` covers the file plus the form's overhead). */
export async function readLimitedFormData(req: Request, limit: number, tooLarge: () => Error): Promise<FormData> {
  const data = await readLimitedBody(req, limit, tooLarge);
  const type = req.headers.get("content-type") ?? "";
  return new Request("http://local/", { method: "POST", headers: { "content-type": type }, body: data as BodyInit }).formData();
}

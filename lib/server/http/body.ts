// Request bodies read with a byte limit: an oversize body is refused as soon as the limit is
// crossed, whether or not the client declared a Content-Length (chunked uploads declare none),
// so a 100 MB body is never held in memory whole. Every route that reads a body reads it here:
// JSON through readJsonBody (1 MB), files through readLimitedFormData (the upload's own limit).
import "server-only";
import { z } from "zod";

/** The most a JSON body may hold; a bulk import goes through the file upload instead. */
export const JSON_BODY_LIMIT = 1024 * 1024;

/** A body over its limit: apiRoute answers 413. */
export class BodyTooLargeError extends Error {
  constructor(public readonly limit: number) {
    super(`body over ${limit} bytes`);
  }
}

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

/** A JSON body read with a limit (413 above it); a body that is not JSON is a 400 on the `_body` path. */
export async function readJsonBody(req: Request, limit = JSON_BODY_LIMIT): Promise<unknown> {
  const data = await readLimitedBody(req, limit, () => new BodyTooLargeError(limit));
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(data));
  } catch {
    throw new z.ZodError([{ code: "custom", path: ["_body"], message: "invalid_json", input: undefined, params: { code: "INVALID_JSON" } }]);
  }
}

// A request's Origin header that no URL parser can read. Next's server-action handler parses it with
// `new URL()` and would answer such a request with a TypeError 500 (issue 17, item 8): the sign-in proxy
// (proxy.ts) and apiRoute answer it with 400 first. Absent and "null" (sandboxed documents) are well formed.
export function isMalformedOrigin(origin: string | null | undefined): boolean {
  if (origin === null || origin === undefined || origin === "null") return false;
  try {
    new URL(origin);
    return false;
  } catch {
    return true;
  }
}

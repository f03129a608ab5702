// Where to send the browser after sign-in: only a path of this app (issue 17 item 2). A prefix check
// ("starts with / but not //") let `/\evil.example/phish` and `/%09/evil.example` through: browsers read
// a backslash as a slash and drop tabs and newlines, so both mean //evil.example. The URL parser does
// the same, so we parse the value against the app's origin and keep it only if the origin is unchanged.

/** A same-origin path (with query and fragment) for `raw`, or "/" for anything else. */
export function safeCallbackPath(raw: unknown, appOrigin: string): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2000) return "/";
  let base: URL, url: URL;
  try {
    base = new URL(appOrigin);
    url = new URL(raw, base);
  } catch {
    return "/";
  }
  if (url.origin !== base.origin || url.username || url.password) return "/";
  if (!raw.startsWith("/") && !raw.startsWith(`${base.origin}/`)) return "/"; // relative paths: not ours to guess
  const path = `${url.pathname}${url.search}${url.hash}`;
  // e.g. "/.//evil.example" normalises to the path "//evil.example", itself protocol-relative
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return "/";
  return path;
}

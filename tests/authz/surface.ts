// What app/ exposes, read from the filesystem: page URL patterns, route handlers with their HTTP methods,
// and the exported functions of "use server" modules. The authorization matrix must cover exactly this.
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

function walk(dir: string, out: string[] = []): string[] {
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** app/(app)/enrollees/[id]/page.tsx → /enrollees/[id]: route groups "(…)" and private "_…" folders are not URL segments. */
export function urlOf(file: string): string {
  const segs = path
    .relative(path.join(ROOT, "app"), path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s));
  return "/" + segs.join("/");
}

const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join("/");

export type Surface = {
  pages: { url: string; file: string }[];
  routes: { key: string; url: string; method: string; file: string }[];
  actions: { key: string; file: string; name: string }[];
};

export function scanSurface(): Surface {
  const files = walk(path.join(ROOT, "app"));
  const pages = files.filter((f) => /[\\/]page\.(tsx|ts|jsx|js)$/.test(f)).map((f) => ({ url: urlOf(f), file: rel(f) }));
  const routes = files
    .filter((f) => /[\\/]route\.(ts|js)$/.test(f))
    .flatMap((f) => {
      const src = fs.readFileSync(f, "utf8");
      const found = new Set<string>();
      for (const m of METHODS) {
        // export const GET = … / export (async) function GET / export { x as GET } / export { GET } from "…"
        if (new RegExp(`export\\s+(const|let|async\\s+function|function)\\s+${m}\\b`).test(src)) found.add(m);
        for (const block of src.matchAll(/export\s*\{([^}]*)\}/g)) {
          if (
            block[1].split(",").some(
              (part) =>
                part
                  .trim()
                  .split(/\s+as\s+/)
                  .at(-1) === m,
            )
          )
            found.add(m);
        }
      }
      const url = urlOf(f);
      return [...found].map((method) => ({ key: `${method} ${url}`, url, method, file: rel(f) }));
    });
  const actionFiles = [...files, ...walk(path.join(ROOT, "lib")), ...walk(path.join(ROOT, "components"))].filter((f) => /\.(ts|tsx)$/.test(f));
  const actions = actionFiles.flatMap((f) => {
    const src = fs.readFileSync(f, "utf8");
    if (!/^\s*(\/\/[^\n]*\n\s*)*["']use server["']/.test(src)) return [];
    const names = [...src.matchAll(/export\s+(?:async\s+function\s*\*?|const|let|function)\s+([A-Za-z_$][\w$]*)/g)].map((m) => m[1]);
    for (const block of src.matchAll(/export\s*\{([^}]*)\}/g))
      names.push(
        ...block[1]
          .split(",")
          .map((s) =>
            s
              .trim()
              .split(/\s+as\s+/)
              .at(-1)!,
          )
          .filter(Boolean),
      );
    if (/export\s+default/.test(src)) names.push("default");
    return names.map((name) => ({ key: `${rel(f)}#${name}`, file: rel(f), name }));
  });
  return { pages, routes, actions };
}

// The interface languages and the {name} template filler: tiny and dependency-free, so pure rules
// (lib/domain), validation schemas and client components share them without pulling in every message.
export type Locale = "vi" | "en";
export const LOCALES: readonly Locale[] = ["vi", "en"];
/** The cookie that carries a browser's chosen language. */
export const LOCALE_COOKIE = "lang";

/** "en" or "vi" from anything (a cookie, a query parameter, a column); null when it names neither. */
export function asLocale(value: unknown): Locale | null {
  return value === "en" || value === "vi" ? value : null;
}

/** The first of our languages an Accept-Language header asks for, by its q weights ("en-US,en;q=0.9" → en). */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { lang: tag.trim().toLowerCase().split("-")[0], weight: Number.isFinite(weight) ? weight : 0, i };
    })
    .filter((r) => r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.i - b.i);
  for (const r of ranked) {
    const l = asLocale(r.lang);
    if (l) return l;
  }
  return null;
}

/** Fills {name} placeholders; an unknown name stays as it is. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
}

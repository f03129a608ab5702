import type { Locale } from "@/lib/i18n/messages";

/** action: setLocaleAction of app/actions/locale.ts (passed by the layout: components never import app/). */
export function LanguageSwitch({ locale, action }: { locale: Locale; action: (form: FormData) => Promise<void> }) {
  const other = locale === "vi" ? "en" : "vi";
  return (
    <form action={action}>
      <input type="hidden" name="locale" value={other} />
      <button type="submit" data-testid="language-switch" lang={other} className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100">
        {other === "en" ? "English" : "Tiếng Việt"}
      </button>
    </form>
  );
}

import { setLocaleAction } from "@/app/actions/locale";
import type { Locale } from "@/lib/i18n/messages";

export function LanguageSwitch({ locale }: { locale: Locale }) {
  const other = locale === "vi" ? "en" : "vi";
  return (
    <form action={setLocaleAction}>
      <input type="hidden" name="locale" value={other} />
      <button type="submit" data-testid="language-switch" lang={other} className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100">
        {other === "en" ? "English" : "Tiếng Việt"}
      </button>
    </form>
  );
}

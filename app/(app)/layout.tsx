import Link from "next/link";
import type { ReactNode } from "react";
import { getMessages } from "@/lib/server/http/locale";
import { requirePagePrincipal } from "@/lib/server/http/page";
import { can } from "@/lib/server/auth/authz";
import { db } from "@/lib/server/db/index";
import { NAV } from "@/components/shell/nav";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { SignOutButton } from "@/components/shell/sign-out-button";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const p = await requirePagePrincipal();
  const { locale, t } = await getMessages();
  const unit = await db().unit.findUnique({ where: { code: p.unitCode }, select: { fullName: true } });
  return (
    <div className="flex min-h-screen flex-col">
      <header className="no-print border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2">
          <Link href="/" className="font-bold text-sky-800">{t.appShort}</Link>
          <nav className="flex flex-wrap gap-1 text-sm" aria-label="main">
            {NAV.filter((n) => can(p, n.permission)).map((n) => (
              <Link key={n.href} href={n.href} className="rounded px-2 py-1 text-slate-700 hover:bg-sky-50 hover:text-sky-800">{t.nav[n.label]}</Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="text-right leading-tight">
              <span className="block font-medium" data-testid="user-name">{p.name}</span>
              <span className="block text-xs text-slate-500" data-testid="user-unit">{t.roles[p.role]} · {unit?.fullName}</span>
            </span>
            <LanguageSwitch locale={locale} />
            <SignOutButton label={t.signOut} />
          </div>
        </div>
      </header>
      <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">{children}</main>
    </div>
  );
}

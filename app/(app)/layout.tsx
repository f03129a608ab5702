import Link from "next/link";
import type { ReactNode } from "react";
import { getMessages } from "@/lib/server/http/locale";
import { requirePagePrincipal } from "@/lib/server/http/page";
import { can } from "@/lib/server/auth/authz";
import { db } from "@/lib/server/db/index";
import { NAV } from "@/components/shell/nav";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { setLocaleAction } from "@/app/actions/locale";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { ShellMenu } from "@/components/shell/shell-menu";
import { OfflineProvider } from "@/components/offline/offline-provider";
import { OfflineBanner, OfflineStatus } from "@/components/offline/offline-status";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const p = await requirePagePrincipal();
  const { locale, t } = await getMessages();
  const unit = await db().unit.findUnique({ where: { code: p.unitCode }, select: { fullName: true } });
  // offline field entry (issue 12): collectors and the desk staff who register and collect
  const fieldUser = p.role === "COLLECTOR" || can(p, "enrollee.write");
  return (
    <div className="flex min-h-screen flex-col">
      <header className="no-print border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-1.5 md:py-2">
          <Link href="/" className="inline-flex min-h-11 items-center font-bold text-sky-800 md:min-h-0">
            {t.appShort}
          </Link>
          {fieldUser && <OfflineStatus t={t.offline} />}
          {fieldUser && <OfflineProvider userId={p.userId} warm={["/field", "/field/pending", "/enrollees/new"]} />}
          <ShellMenu label={t.shell.menu} short={t.shell.menuShort}>
            <nav className="flex flex-col text-base md:flex-row md:flex-wrap md:gap-1 md:text-sm" aria-label="main">
              {NAV.filter((n) => can(p, n.permission)).map((n) => (
                <Link
                  key={n.href}
                  href={n.href}
                  className="flex min-h-11 items-center rounded px-2 py-1 text-slate-700 hover:bg-sky-50 hover:text-sky-800 md:min-h-0"
                >
                  {t.nav[n.label]}
                </Link>
              ))}
            </nav>
            <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-2 text-sm md:ml-auto md:border-0 md:pt-0">
              <span className="mr-auto leading-tight md:mr-0 md:text-right">
                <span className="block font-medium" data-testid="user-name">
                  {p.name}
                </span>
                <span className="block text-xs text-slate-500" data-testid="user-unit">
                  {t.roles[p.role]} · {unit?.fullName}
                </span>
              </span>
              <LanguageSwitch locale={locale} action={setLocaleAction} />
              <SignOutButton label={t.signOut} confirmPending={t.offline.signOutPending} />
            </div>
          </ShellMenu>
        </div>
      </header>
      {fieldUser && <OfflineBanner t={t.offline} />}
      <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-4 md:py-6">{children}</main>
    </div>
  );
}

import { redirect } from "next/navigation";
import { getMessages } from "@/lib/server/http/locale";
import { currentPrincipal } from "@/lib/server/auth/session";
import { env } from "@/lib/server/env";
import { safeCallbackPath } from "@/lib/domain/safe-redirect";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { setLocaleAction } from "@/app/actions/locale";
import { LoginForm } from "./login-form";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await currentPrincipal()) redirect("/");
  const { locale, t } = await getMessages();
  const { callbackUrl } = await searchParams;
  // only this app's paths (parsed with the URL parser), so the sign-in page cannot send people elsewhere
  const next = safeCallbackPath(callbackUrl, env().NEXTAUTH_URL);
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-6 p-4">
      <div className="text-center">
        <p className="text-sm font-medium uppercase tracking-wide text-sky-700">Bảo hiểm xã hội Việt Nam</p>
        <h1 className="mt-1 text-2xl font-bold text-slate-800">{t.appName}</h1>
      </div>
      <LoginForm
        next={next}
        text={{
          signIn: t.signIn,
          login: t.login,
          password: t.password,
          invalid: t.loginInvalid,
          locked: t.loginLocked,
          required: t.loginRequired,
          signingIn: t.signingIn,
        }}
      />
      <LanguageSwitch locale={locale} action={setLocaleAction} />
    </main>
  );
}

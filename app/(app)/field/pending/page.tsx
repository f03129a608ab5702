// "Chờ đồng bộ" (issue 12): the entries made without a signal and kept on this device, with the sync
// status. The list itself lives in the browser (IndexedDB): the server renders the frame only, so the page
// works offline from the service worker's cache.
import { getMessages } from "@/lib/server/http/locale";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { assertFieldWrite } from "@/lib/server/auth/authz";
import { PendingList } from "@/components/offline/pending-list";

export const dynamic = "force-dynamic";

export default async function PendingPage() {
  const p = await requirePagePrincipal();
  await orNotFound(async () => assertFieldWrite(p));
  const { locale, t } = await getMessages();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <div>
        <h1 className="text-2xl font-bold" data-testid="pending-title">
          {t.offline.pendingTitle}
        </h1>
        <p className="text-sm text-slate-600">{t.offline.pendingIntro}</p>
      </div>
      <PendingList t={t.offline} locale={locale} />
    </div>
  );
}

import { getMessages } from "@/lib/server/http/locale";

export default async function Loading() {
  const { t } = await getMessages();
  return (
    <div className="space-y-4" aria-busy="true">
      <p className="text-sm text-slate-500">{t.loading}</p>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-24 animate-pulse rounded-lg border border-slate-200 bg-white" />
        ))}
      </div>
      <div className="h-96 animate-pulse rounded-lg border border-slate-200 bg-white" />
    </div>
  );
}

import { getMessages } from "@/lib/server/http/locale";

export default async function Loading() {
  const { t } = await getMessages();
  return (
    <div className="space-y-4" aria-busy="true">
      <p className="text-sm text-slate-500">{t.loading}</p>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        {Array.from({ length: 10 }, (_, i) => (
          <div key={i} className="h-24 animate-pulse rounded-lg bg-slate-200" />
        ))}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="h-72 animate-pulse rounded-lg bg-slate-200" />
        <div className="h-72 animate-pulse rounded-lg bg-slate-200" />
      </div>
    </div>
  );
}

import Link from "next/link";
import { getMessages } from "@/lib/server/http/locale";

export default async function NotFound() {
  const { t } = await getMessages();
  return (
    <div className="rounded border border-amber-200 bg-amber-50 p-6" data-testid="not-found">
      <p>{t.notFound}</p>
      <Link href="/" className="mt-2 inline-block text-sky-700 underline">
        {t.back}
      </Link>
    </div>
  );
}

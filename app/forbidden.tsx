import Link from "next/link";
import { getMessages } from "@/lib/server/http/locale";

export default async function Forbidden() {
  const { t } = await getMessages();
  return (
    <div className="rounded border border-red-200 bg-red-50 p-6" data-testid="forbidden">
      <p>{t.forbidden}</p>
      <Link href="/" className="mt-2 inline-block text-sky-700 underline">
        {t.back}
      </Link>
    </div>
  );
}

import Link from "next/link";
import { notFound } from "next/navigation";
import { getMessages } from "@/lib/server/http/locale";
import { todayInVietnam } from "@/lib/domain/dates";
import { db } from "@/lib/server/db/index";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { getYearlyStatement } from "@/lib/server/paperwork/yearly-statements";
import { statementYearSchema } from "@/lib/validation/commissions";
import { PrintButton } from "@/components/renewals/print-button";
import { YearlyStatementSheet } from "@/components/paperwork/yearly-statement-sheet";
import { buttonClass, inputClass } from "@/components/ui/fields";

export const dynamic = "force-dynamic";

/** One participant's yearly statement, printable on one page. */
export default async function EnrolleeStatementPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const p = await requirePagePrincipal("enrollee.read");
  const { locale, t } = await getMessages();
  const y = t.commissions.yearly;
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const sp = await searchParams;
  const wanted = { year: Array.isArray(sp.year) ? sp.year[0] : sp.year };
  const today = todayInVietnam();
  const s = await orNotFound(() => getYearlyStatement(db(), p, id, statementYearSchema.safeParse(wanted).success ? wanted : {}, today));
  return (
    <div className="space-y-4">
      <style>{`@media print { @page { size: A4 portrait; margin: 15mm; } main { padding: 0 !important; max-width: none !important; } }`}</style>
      <div className="no-print flex flex-wrap items-end gap-3 text-sm">
        <Link href={`/enrollees/${id}`} className="text-sky-700 hover:underline">
          ← {y.back}
        </Link>
        <form method="get" className="flex items-end gap-2">
          <label className="flex flex-col gap-1">
            {y.year}
            <input name="year" defaultValue={s.statement.year} inputMode="numeric" className={`${inputClass} w-24`} data-testid="statement-year" />
          </label>
          <button type="submit" className={buttonClass}>
            {y.show}
          </button>
        </form>
        <PrintButton label={y.print} />
      </div>
      <YearlyStatementSheet item={s} requirement={s.requirement} text={y} locale={locale} />
    </div>
  );
}

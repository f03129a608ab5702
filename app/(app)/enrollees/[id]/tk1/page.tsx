// The TK1-TS declaration of one person (issue 13 item 2), prefilled and printed on one A4 page for the
// person to check and sign. The form's text is Vietnamese whatever the interface language (the official
// form); the screen's buttons follow the interface. Scoped like the person's page (another area's: 404); a
// collector opens it for its agent's people, from /field/[id], as it may open that page (another agent's: 404).
import Link from "next/link";
import { idParam } from "@/lib/server/http/params";
import { getMessages } from "@/lib/server/http/locale";
import { db } from "@/lib/server/db/index";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { getTk1Person } from "@/lib/server/paperwork/tk1";
import { tk1Fields } from "@/lib/domain/tk1";
import { PrintButton } from "@/components/renewals/print-button";

export const dynamic = "force-dynamic";

export default async function Tk1Page({ params }: { params: Promise<{ id: string }> }) {
  const p = await requirePagePrincipal(); // getTk1Person: desk readers and collectors (the field's rule)
  const id = idParam((await params).id);
  const { t } = await getMessages();
  const k = t.tk1;
  const e = await orNotFound(() => getTk1Person(db(), p, id));
  const fields = tk1Fields(e);
  const masked = !/^\d{12}$/.test(e.personalId);
  const numbered = fields.filter((f) => f.no);
  const rest = fields.filter((f) => !f.no);
  const line = (f: (typeof fields)[number]) => (
    <div key={f.key} className="flex flex-wrap items-baseline gap-x-1 py-1" data-testid={`tk1-${f.key}`}>
      <span className="min-w-0">
        {f.no ? `[${f.no}]. ` : ""}
        {f.label}:
      </span>
      <span className="min-w-[8rem] flex-1 [overflow-wrap:anywhere] border-b border-dotted border-black font-semibold" data-testid={`tk1-${f.key}-value`}>
        {f.value || "\u00a0"}
      </span>
    </div>
  );
  return (
    <div className="space-y-3">
      <style>{`@media print { @page { size: A4 portrait; margin: 15mm; } main { padding: 0 !important; max-width: none !important; } .tk1-sheet { break-inside: avoid; font-size: 12pt; } }`}</style>
      <div className="no-print flex flex-wrap items-center justify-between gap-2 text-sm">
        <Link href={p.collector ? `/field/${e.id}` : `/enrollees/${e.id}`} className="tap text-sky-700 hover:underline" data-testid="tk1-back">
          {k.back}
        </Link>
        <PrintButton label={k.print} />
      </div>
      <p className="no-print text-sm text-slate-600">{k.hint}</p>
      {masked && (
        <p className="no-print rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900" data-testid="tk1-masked">
          {k.masked}
        </p>
      )}

      <article lang="vi" className="tk1-sheet mx-auto max-w-[190mm] bg-white p-4 text-[13px] leading-snug text-black print:p-0" data-testid="tk1">
        <div className="flex justify-between gap-4 text-center">
          <div className="min-w-0 flex-1" />
          <div className="min-w-0 flex-1 text-right text-[11px] italic">
            <div className="font-bold not-italic">Mẫu TK1-TS</div>
            (Ban hành kèm theo QĐ số 505/QĐ-BHXH ngày 27/3/2020, sửa đổi theo QĐ số 490/QĐ-BHXH ngày 28/3/2023 của BHXH Việt Nam)
          </div>
        </div>
        <div className="mt-2 text-center">
          <div className="font-bold">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
          <div className="font-semibold">Độc lập - Tự do - Hạnh phúc</div>
          <h1 className="mt-3 text-base font-bold">TỜ KHAI THAM GIA, ĐIỀU CHỈNH THÔNG TIN BẢO HIỂM XÃ HỘI, BẢO HIỂM Y TẾ</h1>
        </div>

        <h2 className="mt-3 font-bold">I. Thông tin người tham gia</h2>
        <div className="grid gap-x-6 sm:grid-cols-2 print:grid-cols-2">{numbered.map(line)}</div>
        <h2 className="mt-3 font-bold">II. Tham gia bảo hiểm xã hội tự nguyện</h2>
        <div>{rest.map(line)}</div>
        <h2 className="mt-3 font-bold">III. Nội dung thay đổi, yêu cầu (nếu có)</h2>
        <div className="h-12 border-b border-dotted border-black" />
        <div className="h-6 border-b border-dotted border-black" />

        <p className="mt-3 italic">Tôi cam đoan những nội dung kê khai là đúng và chịu trách nhiệm trước pháp luật về những nội dung đã kê khai.</p>
        <div className="mt-3 grid grid-cols-2 text-center">
          <div />
          <div>
            <div className="italic">……………, ngày …… tháng …… năm ………</div>
            <div className="font-bold">Người kê khai</div>
            <div className="italic">(Ký, ghi rõ họ tên)</div>
            <div className="mt-16 font-semibold">{e.fullName}</div>
          </div>
        </div>
      </article>
    </div>
  );
}

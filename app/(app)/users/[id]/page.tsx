import { idParam } from "@/lib/server/http/params";
import Link from "next/link";
import { getMessages } from "@/lib/server/http/locale";
import { formatDateTime } from "@/lib/i18n/format";
import { db } from "@/lib/server/db/index";
import { orNotFound, requirePagePrincipal } from "@/lib/server/http/page";
import { getUser } from "@/lib/server/auth/users";
import { ActiveToggle, ResetPassword } from "./user-admin";
import { resetPasswordAction, setActiveAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const p = await requirePagePrincipal("user.manage");
  const { t } = await getMessages();
  const u = t.admin.users;
  const id = idParam((await params).id);
  const user = await orNotFound(() => {
    return getUser(db(), p, id);
  });
  const rows: [string, React.ReactNode][] = [
    [
      u.col.login,
      <span key="l" className="font-mono">
        {user.login}
      </span>,
    ],
    [u.col.name, user.name],
    [u.col.role, t.roles[user.role]],
    [u.col.unit, `${user.unitName} (${user.unitCode})`],
    [u.col.state, user.active ? u.active : u.inactive],
    [u.col.lastLogin, user.lastLoginAt ? formatDateTime(user.lastLoginAt) : u.never],
    [u.col.createdAt, formatDateTime(user.createdAt)],
  ];
  return (
    <div className="space-y-5">
      <Link href="/users" className="text-sm text-sky-700 hover:underline">
        {u.back}
      </Link>
      <h1 className="text-2xl font-bold" data-testid="user-title">
        {user.name}
      </h1>
      <dl className="grid max-w-2xl grid-cols-[12rem_1fr] gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="user-details">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-500">{k}</dt>
            <dd data-testid={k === u.col.state ? "user-state" : undefined}>{v}</dd>
          </div>
        ))}
      </dl>
      <section className="max-w-2xl rounded-lg border border-slate-200 bg-white p-4">
        <ActiveToggle id={user.id} active={user.active} isSelf={user.id === p.userId} action={setActiveAction} text={u} />
      </section>
      <section className="max-w-2xl space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">{u.resetTitle}</h2>
        <ResetPassword id={user.id} login={user.login} action={resetPasswordAction} text={u} />
      </section>
    </div>
  );
}

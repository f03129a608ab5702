import Link from "next/link";
import { getMessages } from "@/lib/server/http/locale";
import { fill } from "@/lib/i18n/messages";
import { formatDateTime, formatNumber } from "@/lib/i18n/format";
import { db } from "@/lib/server/db/index";
import { requirePagePrincipal } from "@/lib/server/http/page";
import { listUsers } from "@/lib/server/auth/users";
import { readUserFilter, USER_ROLES, type UserFilter } from "@/lib/validation/user";
import { Table, Td, Th } from "@/components/ui/table";

export const dynamic = "force-dynamic";

const query = (f: UserFilter, page?: number) => {
  const sp = new URLSearchParams();
  if (f.q) sp.set("q", f.q);
  if (f.role) sp.set("role", f.role);
  if (f.state) sp.set("state", f.state);
  if (page && page > 1) sp.set("page", String(page));
  const s = sp.toString();
  return s ? `?${s}` : "";
};

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const p = await requirePagePrincipal("user.manage");
  const { locale, t } = await getMessages();
  const u = t.admin.users;
  const f = readUserFilter(await searchParams);
  const list = await listUsers(db(), p, f);
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const field = "rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold" data-testid="users-title">
            {u.title}
          </h1>
          <p className="max-w-3xl text-sm text-slate-600">{u.intro}</p>
        </div>
        <div className="flex gap-2">
          <Link href="/users/tokens" className="rounded border border-slate-300 px-3 py-2 text-sm hover:bg-slate-100">
            {u.apiTokens}
          </Link>
          <Link href="/users/new" className="rounded bg-sky-700 px-3 py-2 text-sm text-white hover:bg-sky-800" data-testid="user-add">
            {u.add}
          </Link>
        </div>
      </div>

      <form className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3" role="search">
        <label className="flex flex-col text-xs font-medium text-slate-600">
          {u.search}
          <input name="q" defaultValue={f.q ?? ""} className={`${field} w-64`} />
        </label>
        <label className="flex flex-col text-xs font-medium text-slate-600">
          {u.col.role}
          <select name="role" defaultValue={f.role ?? ""} className={field}>
            <option value="">{u.allRoles}</option>
            {USER_ROLES.map((r) => (
              <option key={r} value={r}>
                {t.roles[r]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs font-medium text-slate-600">
          {u.col.state}
          <select name="state" defaultValue={f.state ?? ""} className={field}>
            <option value="">{u.allStates}</option>
            <option value="active">{u.active}</option>
            <option value="inactive">{u.inactive}</option>
          </select>
        </label>
        <button className="rounded bg-sky-700 px-3 py-1.5 text-sm text-white hover:bg-sky-800">{u.filter}</button>
      </form>

      <p className="text-sm text-slate-600">{fill(u.count, { n: formatNumber(list.total, locale) })}</p>
      {list.rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-center text-slate-600">{u.none}</p>
      ) : (
        <Table testId="users-table">
          <thead>
            <tr>
              <Th>{u.col.login}</Th>
              <Th>{u.col.name}</Th>
              <Th>{u.col.role}</Th>
              <Th>{u.col.unit}</Th>
              <Th>{u.col.state}</Th>
              <Th>{u.col.lastLogin}</Th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((r) => (
              <tr key={r.id} className="hover:bg-slate-50" data-testid={`user-row-${r.login}`}>
                <Td>
                  <Link className="font-mono text-sky-700 hover:underline" href={`/users/${r.id}`}>
                    {r.login}
                  </Link>
                </Td>
                <Td>{r.name}</Td>
                <Td>{t.roles[r.role]}</Td>
                <Td>{r.unitName}</Td>
                <Td>
                  {r.active ? (
                    <span className="text-emerald-800">{u.active}</span>
                  ) : (
                    <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs text-red-800">{u.inactive}</span>
                  )}
                </Td>
                <Td className="text-slate-600">{r.lastLoginAt ? formatDateTime(r.lastLoginAt) : u.never}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {pages > 1 && (
        <nav className="flex items-center gap-3 text-sm" aria-label="pagination">
          {list.page > 1 && (
            <Link className="text-sky-700 hover:underline" href={`/users${query(f, list.page - 1)}`}>
              {u.prev}
            </Link>
          )}
          <span>{fill(u.page, { page: list.page, pages })}</span>
          {list.page < pages && (
            <Link className="text-sky-700 hover:underline" href={`/users${query(f, list.page + 1)}`}>
              {u.next}
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}

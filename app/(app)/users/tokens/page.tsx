import { formatDateTime } from "@/lib/i18n/format";
import { getMessages } from "@/lib/server/http/locale";
import { db } from "@/lib/server/db/index";
import { requirePagePrincipal } from "@/lib/server/http/page";
import { listApiTokens, listTokenUsers } from "@/lib/server/auth/api-tokens";
import { Table, Td, Th } from "@/components/ui/table";
import { IssueTokenForm, RevokeButton } from "@/components/users/token-forms";
import { issueTokenAction, revokeTokenAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function TokensPage() {
  const p = await requirePagePrincipal("token.manage");
  const { t } = await getMessages();
  const m = t.admin.tokens;
  const [users, tokens] = await Promise.all([listTokenUsers(db(), p), listApiTokens(db(), p)]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{m.title}</h1>
      <p className="max-w-3xl text-sm text-slate-600">{m.intro}</p>
      <h2 className="font-semibold">{m.issue}</h2>
      <IssueTokenForm
        t={m}
        action={issueTokenAction}
        users={users.map((u) => ({ id: u.id, label: `${u.login} — ${u.name} (${t.roles[u.role as keyof typeof t.roles]}, ${u.unitName})` }))}
      />
      {tokens.length === 0 ? (
        <p className="text-sm text-slate-600">{m.none}</p>
      ) : (
        <Table testId="tokens">
          <thead>
            <tr>
              <Th>{m.name}</Th>
              <Th>{m.user}</Th>
              <Th>{m.created}</Th>
              <Th>{m.lastUsed}</Th>
              <Th>{m.state}</Th>
              <Th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((k) => (
              <tr key={k.id} data-testid="token-row">
                <Td>{k.name}</Td>
                <Td>
                  {k.userLogin} <span className="text-xs text-slate-500">({k.unitCode})</span>
                </Td>
                <Td className="tabular-nums">{formatDateTime(k.createdAt)}</Td>
                <Td className="tabular-nums">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : m.never}</Td>
                <Td>
                  {k.revokedAt ? (
                    <span className="text-red-700">
                      {m.revoked} {formatDateTime(k.revokedAt)}
                    </span>
                  ) : (
                    <span className="text-emerald-700">{m.active}</span>
                  )}
                </Td>
                <Td>{!k.revokedAt && <RevokeButton id={k.id} t={m} action={revokeTokenAction} />}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}

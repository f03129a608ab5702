"use client";
// Issuing an API token (shown once) and revoking one.
import { useActionState, useEffect, useState, useTransition } from "react";
import type { Messages } from "@/lib/i18n/messages";
import type { FormState } from "@/lib/validation/form";

type TokenFormState = FormState & { token?: string; tokenId?: number; userLogin?: string };
import { FieldError, fieldId } from "@/components/ui/fields";

type T = Messages["admin"]["tokens"];

export function IssueTokenForm({
  t,
  users,
  action,
}: {
  t: T;
  users: { id: number; label: string }[];
  action: (prev: TokenFormState, form: FormData) => Promise<TokenFormState>;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  // the secret leaves the page as soon as its token is revoked (RevokeButton announces it)
  const [revokedId, setRevokedId] = useState<number | null>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    const onRevoked = (e: Event) => setRevokedId((e as CustomEvent<number>).detail);
    window.addEventListener(REVOKED_EVENT, onRevoked);
    return () => window.removeEventListener(REVOKED_EVENT, onRevoked);
  }, []);
  const gone = state.ok && state.tokenId !== undefined && revokedId === state.tokenId;
  const copy = async () => {
    if (!state.token) return;
    try {
      await navigator.clipboard.writeText(state.token);
    } catch {
      // no clipboard permission (plain http): select the text so Ctrl+C copies it
      const el = document.querySelector("[data-testid=new-token]");
      if (el) window.getSelection()?.selectAllChildren(el);
    }
    setCopied(true);
  };
  return (
    <div className="space-y-3">
      <form action={formAction} className="flex flex-wrap items-start gap-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="issue-token">
        <div className="flex w-full flex-col text-sm sm:w-auto">
          <label htmlFor={fieldId("userId")} className="font-medium">
            {t.user}
          </label>
          <select
            id={fieldId("userId")}
            name="userId"
            defaultValue={String(state.values?.userId ?? "")}
            className="w-full rounded border border-slate-300 px-2 py-1.5 sm:w-auto"
            data-testid="in-userId"
            aria-describedby={`${fieldId("userId")}-error`}
          >
            <option value="">—</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.label}
              </option>
            ))}
          </select>
          <FieldError name="userId" error={state.fieldErrors?.userId ? [state.fieldErrors.userId] : undefined} />
        </div>
        <div className="flex w-full flex-col text-sm sm:w-auto">
          <label htmlFor={fieldId("name")} className="font-medium">
            {t.name}
          </label>
          <input
            id={fieldId("name")}
            name="name"
            defaultValue={String(state.values?.name ?? "")}
            className="w-full rounded border border-slate-300 px-2 py-1.5 sm:w-72"
            data-testid="in-name"
            aria-describedby={`${fieldId("name")}-error`}
          />
          <FieldError name="name" error={state.fieldErrors?.name ? [state.fieldErrors.name] : undefined} />
        </div>
        <button
          disabled={pending}
          className="mt-5 rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60"
          data-testid="issue-submit"
        >
          {t.submit}
        </button>
      </form>
      {state.formError && (
        <p className="text-sm text-red-700" role="alert" data-testid="token-form-error">
          {state.formError}
        </p>
      )}
      {gone && (
        <p className="rounded border border-slate-300 bg-slate-50 p-3 text-sm" role="status" data-testid="token-gone">
          {t.secretGone}
        </p>
      )}
      {state.ok && state.token && !gone && (
        <div className="rounded border border-amber-400 bg-amber-50 p-3 text-sm" role="status">
          <p className="font-medium">
            {t.shownOnce} ({state.userLogin})
          </p>
          <div className="mt-1 flex items-start gap-2">
            <code className="block flex-1 select-all break-all rounded bg-white p-2 font-mono text-sm" data-testid="new-token">
              {state.token}
            </code>
            <button
              type="button"
              onClick={copy}
              className="rounded border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-100"
              data-testid="copy-token"
            >
              {copied ? t.copied : t.copy}
            </button>
          </div>
          <p className="mt-2 text-xs text-slate-600">{t.example}</p>
          <code className="block break-all rounded bg-white p-2 font-mono text-xs">
            curl -H &quot;Authorization: Bearer {state.token}&quot; https://&lt;máy chủ&gt;/api/v1/enrollees?q=nguyen
          </code>
        </div>
      )}
    </div>
  );
}

const REVOKED_EVENT = "api-token-revoked";

/** Revoking asks in the page (not the browser's dialog): the question, then "revoke now" or "no". */
export function RevokeButton({ id, t, action }: { id: number; t: T; action: (id: number) => Promise<FormState> }) {
  const [pending, start] = useTransition();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | undefined>();
  if (!asking) {
    return (
      <button
        type="button"
        onClick={() => setAsking(true)}
        className="rounded border border-red-300 px-2 py-0.5 text-xs text-red-700 hover:bg-red-50"
        data-testid={`revoke-${id}`}
      >
        {t.revoke}
        {error && (
          <span className="ml-2 text-red-700" role="alert">
            {error}
          </span>
        )}
      </button>
    );
  }
  return (
    <span role="alertdialog" aria-label={t.revokeConfirm} className="flex flex-wrap items-center gap-2 text-xs" data-testid={`revoke-confirm-${id}`}>
      <span className="text-red-800">{t.revokeConfirm}</span>
      <button
        type="button"
        disabled={pending}
        autoFocus
        onClick={() =>
          start(async () => {
            const r = await action(id);
            if (r.ok) window.dispatchEvent(new CustomEvent(REVOKED_EVENT, { detail: id }));
            setError(r.formError);
            setAsking(false);
          })
        }
        className="rounded bg-red-700 px-2 py-0.5 text-white hover:bg-red-800 disabled:opacity-60"
        data-testid={`revoke-yes-${id}`}
      >
        {t.revokeYes}
      </button>
      <button type="button" onClick={() => setAsking(false)} className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100">
        {t.revokeNo}
      </button>
    </span>
  );
}

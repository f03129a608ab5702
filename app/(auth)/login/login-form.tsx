"use client";
import { signIn } from "next-auth/react";
import { useState } from "react";

type Text = { signIn: string; login: string; password: string; invalid: string; locked: string; required: string; signingIn: string };

export function LoginForm({ next, text }: { next: string; text: Text }) {
  const [error, setError] = useState("");
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const login = String(fd.get("login") ?? "").trim();
    const password = String(fd.get("password") ?? "");
    if (!login || !password) return setError(text.required);
    setPending(true);
    setError("");
    const res = await signIn("credentials", { login, password, redirect: false });
    if (res?.ok && !res.error) {
      window.location.assign(next); // full load: the server renders the shell with the new session
      return;
    }
    setPending(false);
    const locked = res?.error?.match(/^LOCKED:(.+)$/);
    if (locked) {
      const minutes = Math.max(1, Math.ceil((new Date(locked[1]).getTime() - Date.now()) / 60_000));
      setError(text.locked.replace("{minutes}", String(minutes)));
    } else setError(text.invalid);
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      data-testid="login-form"
      className="flex w-full max-w-sm flex-col gap-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
    >
      <h2 className="text-lg font-semibold">{text.signIn}</h2>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {text.login}
        <input name="login" autoComplete="username" autoFocus className="rounded border border-slate-300 px-3 py-2 text-base font-normal" />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {text.password}
        <input name="password" type="password" autoComplete="current-password" className="rounded border border-slate-300 px-3 py-2 text-base font-normal" />
      </label>
      <p data-testid="login-error" aria-live="polite" className="min-h-5 text-sm text-red-700">
        {error}
      </p>
      <button type="submit" disabled={pending} className="rounded bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800 disabled:opacity-60">
        {pending ? text.signingIn : text.signIn}
      </button>
    </form>
  );
}

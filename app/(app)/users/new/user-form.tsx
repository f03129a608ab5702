"use client";
// Create a user: role first, then the units that role may be bound to (inside the admin's scope).
// The same zod schema as the server runs here for instant feedback; the server checks again.
import Link from "next/link";
import { useActionState, useState } from "react";
import { userCreateSchema, type UserRole } from "@/lib/validation/user";
import type { adminVi } from "@/lib/i18n/areas/users";
import { fill } from "@/lib/i18n/messages";
import type { UserFormState } from "./actions";

type Unit = { code: string; level: "NATION" | "PROVINCE" | "AREA"; fullName: string; provinceCode: string | null };

export function UserForm({
  action,
  roles,
  roleNames,
  roleLevels,
  units,
  text,
}: {
  action: (prev: UserFormState, fd: FormData) => Promise<UserFormState>;
  roles: UserRole[];
  roleNames: Record<UserRole, string>;
  roleLevels: Record<UserRole, readonly string[]>;
  units: Unit[];
  text: typeof adminVi;
}) {
  const u = text.users;
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const values = state.values ?? {};
  const [role, setRole] = useState<UserRole>((values.role as UserRole) ?? roles[roles.length - 1]);
  const [mode, setMode] = useState(values.passwordMode ?? "generate");
  const errors = { ...(state.fieldErrors ?? {}), ...clientErrors };
  const allowed = units.filter((x) => roleLevels[role].includes(x.level));
  const provinceName = new Map(units.filter((x) => x.level === "PROVINCE").map((x) => [x.code, x.fullName]));

  if (state.ok && state.created) {
    return (
      <div className="space-y-3 rounded-lg border border-emerald-300 bg-emerald-50 p-4" data-testid="user-created">
        <p className="font-medium">{fill(u.created, { login: state.created.login })}</p>
        {state.created.password && (
          <div>
            <p className="text-sm">{fill(u.passwordOnce, { login: state.created.login })}</p>
            <p className="mt-1 inline-block rounded border border-slate-300 bg-white px-3 py-1 font-mono text-lg" data-testid="user-password">
              {state.created.password}
            </p>
          </div>
        )}
        <Link href={`/users/${state.created.id}`} className="inline-block text-sky-700 underline" data-testid="user-open">
          {u.openUser}
        </Link>
      </div>
    );
  }

  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    const data = Object.fromEntries(new FormData(e.currentTarget).entries());
    const r = userCreateSchema(text.v).safeParse(data);
    if (r.success) return setClientErrors({});
    const errs: Record<string, string> = {};
    for (const i of r.error.issues) errs[i.path.join(".")] ??= i.message;
    setClientErrors(errs);
    e.preventDefault();
  };

  const field = (name: string) => `w-full rounded border px-3 py-2 ${errors[name] ? "border-red-500" : "border-slate-300"}`;
  const Err = ({ name }: { name: string }) => (
    <p id={`${name}-error`} aria-live="polite" className="text-sm text-red-700" data-testid={`error-${name}`}>
      {errors[name] ?? ""}
    </p>
  );
  return (
    <form
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      className="max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="user-form"
    >
      <div>
        <label htmlFor="login" className="block text-sm font-medium">
          {u.f.login}
        </label>
        <input
          id="login"
          name="login"
          defaultValue={values.login ?? ""}
          autoComplete="off"
          aria-describedby="login-hint login-error"
          aria-invalid={!!errors.login}
          className={field("login")}
        />
        <p id="login-hint" className="text-xs text-slate-500">
          {u.hints.login}
        </p>
        <Err name="login" />
      </div>
      <div>
        <label htmlFor="name" className="block text-sm font-medium">
          {u.f.name}
        </label>
        <input id="name" name="name" defaultValue={values.name ?? ""} aria-describedby="name-error" aria-invalid={!!errors.name} className={field("name")} />
        <Err name="name" />
      </div>
      <div>
        <label htmlFor="role" className="block text-sm font-medium">
          {u.f.role}
        </label>
        <select
          id="role"
          name="role"
          value={role}
          onChange={(e) => setRole(e.target.value as UserRole)}
          aria-describedby="role-hint role-error"
          className={field("role")}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {roleNames[r]}
            </option>
          ))}
        </select>
        <p id="role-hint" className="text-xs text-slate-500">
          {u.hints.role}
        </p>
        <Err name="role" />
      </div>
      <div>
        <label htmlFor="unitCode" className="block text-sm font-medium">
          {u.f.unit}
        </label>
        <select
          key={role}
          id="unitCode"
          name="unitCode"
          defaultValue={allowed.some((x) => x.code === values.unitCode) ? values.unitCode : ""}
          aria-describedby="unitCode-error"
          aria-invalid={!!errors.unitCode}
          className={field("unitCode")}
        >
          <option value="">{u.f.chooseUnit}</option>
          {allowed.map((x) => (
            <option key={x.code} value={x.code}>
              {x.fullName}
              {x.level === "AREA" && x.provinceCode ? ` — ${provinceName.get(x.provinceCode) ?? ""}` : ""} ({x.code})
            </option>
          ))}
        </select>
        <Err name="unitCode" />
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{u.f.password}</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="passwordMode" value="generate" checked={mode === "generate"} onChange={() => setMode("generate")} />
          {u.f.generate}
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="passwordMode" value="choose" checked={mode === "choose"} onChange={() => setMode("choose")} data-testid="password-choose" />
          {u.f.choose}
        </label>
        {mode === "choose" && (
          <div>
            <input
              type="password"
              name="password"
              aria-label={u.f.password}
              autoComplete="new-password"
              aria-describedby="password-hint password-error"
              aria-invalid={!!errors.password}
              className={field("password")}
              data-testid="password-input"
            />
            <p id="password-hint" className="text-xs text-slate-500">
              {u.hints.password}
            </p>
          </div>
        )}
        <Err name="password" />
      </fieldset>
      {state.formError && (
        <p aria-live="polite" className="text-sm text-red-700">
          {state.formError}
        </p>
      )}
      <button disabled={pending} className="rounded bg-sky-700 px-4 py-2 text-white hover:bg-sky-800 disabled:opacity-50" data-testid="user-submit">
        {pending ? u.creating : u.create}
      </button>
    </form>
  );
}

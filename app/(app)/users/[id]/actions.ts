"use server";
// Thin server actions of the user page: deactivate / reactivate, reset the password.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getMessages } from "@/lib/i18n/server";
import { requirePrincipal } from "@/lib/server/auth/session";
import { AuthError } from "@/lib/server/auth/authz";
import { db } from "@/lib/server/db/index";
import { resetPassword, setUserActive } from "@/lib/server/auth/users";

export type UserActionState = { ok: boolean; message?: string; error?: string; fieldErrors?: Record<string, string>; password?: string | null; mode?: string };

async function failure(e: unknown): Promise<UserActionState> {
  const { t } = await getMessages();
  if (e instanceof z.ZodError) {
    const fieldErrors: Record<string, string> = {};
    for (const i of e.issues) fieldErrors[i.path.join(".") || "_form"] ??= i.message;
    return { ok: false, fieldErrors, error: Object.values(fieldErrors)[0] };
  }
  if (e instanceof AuthError) return { ok: false, error: e.status === 404 ? t.notFound : t.forbidden };
  throw e;
}

export async function setActiveAction(_prev: UserActionState, fd: FormData): Promise<UserActionState> {
  const { locale, t } = await getMessages();
  try {
    const p = await requirePrincipal();
    const u = await setUserActive(db(), p, { id: fd.get("id"), active: fd.get("active") }, { locale });
    revalidatePath("/users");
    return { ok: true, message: u.active ? t.admin.users.reactivated : t.admin.users.deactivated };
  } catch (e) {
    return failure(e);
  }
}

export async function resetPasswordAction(_prev: UserActionState, fd: FormData): Promise<UserActionState> {
  const { locale, t } = await getMessages();
  const mode = String(fd.get("passwordMode") ?? "");
  try {
    const p = await requirePrincipal();
    const r = await resetPassword(db(), p, { id: fd.get("id"), passwordMode: mode, password: fd.get("password") ?? "" }, { locale });
    return { ok: true, message: t.admin.users.resetDone, password: r.password, mode };
  } catch (e) {
    return { ...(await failure(e)), mode };
  }
}

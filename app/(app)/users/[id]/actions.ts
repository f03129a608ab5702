"use server";
// Server actions of the user page (deactivate / reactivate, reset the password), in the one template
// (lib/server/http/action.ts).
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/server/http/action";
import { db } from "@/lib/server/db/index";
import { resetPassword, setUserActive } from "@/lib/server/auth/users";
import { readForm, type FormState } from "@/lib/validation/form";

export type UserActionState = FormState & { password?: string | null; mode?: string };

export async function setActiveAction(_prev: UserActionState, fd: FormData): Promise<UserActionState> {
  const values = readForm(fd);
  return runAction<UserActionState>({ permission: "user.manage" }, async ({ p, t }) => {
    const u = await setUserActive(db(), p, { id: values.id, active: values.active });
    revalidatePath("/users");
    return { ok: true, message: u.active ? t.admin.users.reactivated : t.admin.users.deactivated };
  });
}

export async function resetPasswordAction(_prev: UserActionState, fd: FormData): Promise<UserActionState> {
  const values = readForm(fd);
  const mode = String(values.passwordMode ?? "");
  const state = await runAction<UserActionState>({ permission: "user.manage" }, async ({ p, t }) => {
    const r = await resetPassword(db(), p, { id: values.id, passwordMode: mode, password: values.password ?? "" });
    return { ok: true, message: t.admin.users.resetDone, password: r.password };
  });
  return { ...state, mode };
}

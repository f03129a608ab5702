"use server";
// Thin server action: who is calling, then lib/server/auth/users.ts applies the scope rules.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getMessages } from "@/lib/i18n/server";
import { requirePrincipal } from "@/lib/server/auth/session";
import { AuthError } from "@/lib/server/auth/authz";
import { db } from "@/lib/server/db/index";
import { createUser } from "@/lib/server/auth/users";

export type UserFormState = {
  ok: boolean;
  fieldErrors?: Record<string, string>;
  formError?: string;
  values?: Record<string, string>;
  created?: { id: number; login: string; password: string | null };
};

export async function createUserAction(_prev: UserFormState, fd: FormData): Promise<UserFormState> {
  const { locale, t } = await getMessages();
  // the password is never sent back to the form
  const values = Object.fromEntries([...fd.entries()].filter(([k, v]) => !k.startsWith("$ACTION") && typeof v === "string")) as Record<string, string>;
  const { password: _pw, ...keep } = values;
  void _pw;
  try {
    const p = await requirePrincipal();
    const created = await createUser(db(), p, values, { locale });
    revalidatePath("/users");
    return { ok: true, created };
  } catch (e) {
    if (e instanceof z.ZodError) {
      const fieldErrors: Record<string, string> = {};
      for (const i of e.issues) fieldErrors[i.path.join(".") || "_form"] ??= i.message;
      return { ok: false, fieldErrors, values: keep };
    }
    if (e instanceof AuthError) return { ok: false, formError: t.forbidden, values: keep };
    throw e;
  }
}

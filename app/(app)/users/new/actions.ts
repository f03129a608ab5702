"use server";
// Server action of the new-user form, in the one template (lib/server/http/action.ts);
// lib/server/auth/users.ts applies the scope rules.
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/server/http/action";
import { db } from "@/lib/server/db/index";
import { createUser } from "@/lib/server/auth/users";
import { readForm, type FormState } from "@/lib/validation/form";

export type UserFormState = FormState & { created?: { id: number; login: string; password: string | null } };

export async function createUserAction(_prev: UserFormState, fd: FormData): Promise<UserFormState> {
  const values = readForm(fd);
  // the password is never sent back to the form
  const { password: _pw, ...keep } = values;
  void _pw;
  return runAction<UserFormState>({ permission: "user.manage", values: keep }, async ({ p }) => {
    const created = await createUser(db(), p, values);
    revalidatePath("/users");
    return { ok: true, created };
  });
}

"use server";
// Server actions of the API-token page, in the one template (lib/server/http/action.ts).
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/server/http/action";
import { idParam } from "@/lib/server/http/params";
import { db } from "@/lib/server/db/index";
import { issueApiToken, revokeApiToken } from "@/lib/server/auth/api-tokens";
import { readForm, type FormState } from "@/lib/validation/form";

export type TokenFormState = FormState & { token?: string; userLogin?: string };

export async function issueTokenAction(_prev: TokenFormState, fd: FormData): Promise<TokenFormState> {
  const values = readForm(fd);
  return runAction<TokenFormState>({ permission: "token.manage", values }, async ({ p }) => {
    const r = await issueApiToken(db(), p, { userId: values.userId ?? "", name: values.name ?? "" });
    revalidatePath("/users/tokens");
    // the clear text goes back to this one response only; it is never stored or logged
    return { ok: true, token: r.token, userLogin: r.userLogin };
  });
}

export async function revokeTokenAction(tokenId: number): Promise<FormState> {
  return runAction({ permission: "token.manage" }, async ({ p }) => {
    await revokeApiToken(db(), p, idParam(tokenId));
    revalidatePath("/users/tokens");
    return { ok: true };
  });
}

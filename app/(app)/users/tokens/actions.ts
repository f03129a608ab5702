"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { messages } from "@/lib/i18n/messages";
import { getLocale } from "@/lib/i18n/server";
import { requirePrincipal } from "@/lib/server/auth/session";
import { AuthError, assertCan } from "@/lib/server/auth/authz";
import { db } from "@/lib/server/db/index";
import { issueApiToken, revokeApiToken } from "@/lib/server/auth/api-tokens";
import { fieldMessages } from "@/lib/validation/enrollee";

export type TokenFormState = { ok: boolean; token?: string; tokenId?: number; userLogin?: string; fieldErrors?: Record<string, string[]>; values?: { userId: string; name: string }; formError?: string };

export async function issueTokenAction(_prev: TokenFormState, form: FormData): Promise<TokenFormState> {
  const p = { ...(await requirePrincipal()), locale: await getLocale() };
  assertCan(p, "token.manage");
  const values = { userId: String(form.get("userId") ?? ""), name: String(form.get("name") ?? "") };
  try {
    const r = await issueApiToken(db(), p, values);
    revalidatePath("/users/tokens");
    // the clear text goes back to this one response only; it is never stored or logged
    return { ok: true, token: r.token, tokenId: r.id, userLogin: r.userLogin };
  } catch (e) {
    if (e instanceof z.ZodError) return { ok: false, fieldErrors: fieldMessages(e), values };
    throw e;
  }
}

export async function revokeTokenAction(id: number): Promise<{ ok: boolean; error?: string }> {
  const p = { ...(await requirePrincipal()), locale: await getLocale() };
  assertCan(p, "token.manage");
  try {
    await revokeApiToken(db(), p, id);
  } catch (e) {
    if (e instanceof AuthError) return { ok: false, error: messages[p.locale].notFound };
    throw e;
  }
  revalidatePath("/users/tokens");
  return { ok: true };
}

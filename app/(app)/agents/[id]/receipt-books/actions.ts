"use server";
// Thin server actions for an agent's receipt books and its province's paperwork rules: who is calling,
// may they, then lib/server/paperwork/receipt-books.ts (scope, validation, transaction, audit).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/server/db/index";
import { requirePrincipal } from "@/lib/server/auth/session";
import { assertCan } from "@/lib/server/auth/authz";
import { attempt } from "@/lib/server/agents/form-action";
import { getMessages } from "@/lib/i18n/server";
import { closeReceiptBook, createReceiptBook, listReceiptBooks, setPaperworkSettings, voidReceipt } from "@/lib/server/paperwork/receipt-books";
import { formValues, type FormState } from "@/lib/validation/agents-form";

const id = z.coerce.number().int().positive().max(2_147_483_647);

async function done(agentId: number, prev: FormState): Promise<FormState> {
  revalidatePath(`/agents/${agentId}/receipt-books`);
  const { t } = await getMessages();
  return { ok: true, message: t.paperwork.books.saved, seq: (prev.seq ?? 0) + 1 };
}

export async function createReceiptBookAction(agentId: number, prev: FormState, fd: FormData): Promise<FormState> {
  const p = await requirePrincipal();
  assertCan(p, "paperwork.write");
  const values = formValues(fd);
  const r = await attempt(values, () => createReceiptBook(db(), p, { ...values, agentId: id.parse(agentId) }));
  return r.ok ? done(agentId, prev) : r.state;
}

export async function voidReceiptAction(agentId: number, bookId: number, prev: FormState, fd: FormData): Promise<FormState> {
  const p = await requirePrincipal();
  assertCan(p, "paperwork.write");
  const values = formValues(fd);
  const r = await attempt(values, () => voidReceipt(db(), p, id.parse(bookId), values));
  return r.ok ? done(agentId, prev) : r.state;
}

export async function closeReceiptBookAction(agentId: number, bookId: number, prev: FormState, fd: FormData): Promise<FormState> {
  const p = await requirePrincipal();
  assertCan(p, "paperwork.write");
  const values = formValues(fd);
  const r = await attempt(values, () => closeReceiptBook(db(), p, id.parse(bookId), values));
  return r.ok ? done(agentId, prev) : r.state;
}

/** The rules of the agent's province (administrators). */
export async function paperworkSettingsAction(agentId: number, prev: FormState, fd: FormData): Promise<FormState> {
  const p = await requirePrincipal();
  assertCan(p, "agent.write");
  const values = formValues(fd);
  const r = await attempt(values, async () => {
    const { agent } = await listReceiptBooks(db(), p, id.parse(agentId));
    return setPaperworkSettings(db(), p, agent.provinceCode, values);
  });
  return r.ok ? done(agentId, prev) : r.state;
}

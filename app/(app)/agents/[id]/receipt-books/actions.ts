"use server";
// Server actions of an agent's receipt books and its province's paperwork rules, in the one template
// (lib/server/http/action.ts); lib/server/paperwork/receipt-books.ts checks scope, validates, writes and audits.
import { revalidatePath } from "next/cache";
import { db } from "@/lib/server/db/index";
import { runAction } from "@/lib/server/http/action";
import { idParam } from "@/lib/server/http/params";
import { closeReceiptBook, createReceiptBook, listReceiptBooks, setPaperworkSettings, voidReceipt } from "@/lib/server/paperwork/receipt-books";
import { readForm, type FormState } from "@/lib/validation/form";

export async function createReceiptBookAction(agentId: number, prev: FormState, fd: FormData): Promise<FormState> {
  const id = idParam(agentId);
  const values = readForm(fd);
  return runAction({ permission: "paperwork.write", values }, async ({ p, t }) => {
    await createReceiptBook(db(), p, { ...values, agentId: id });
    revalidatePath(`/agents/${id}/receipt-books`);
    return { ok: true, message: t.paperwork.books.saved, seq: (prev.seq ?? 0) + 1 };
  });
}

export async function voidReceiptAction(agentId: number, bookId: number, prev: FormState, fd: FormData): Promise<FormState> {
  const id = idParam(agentId);
  const book = idParam(bookId);
  const values = readForm(fd);
  return runAction({ permission: "paperwork.write", values }, async ({ p, t }) => {
    await voidReceipt(db(), p, book, values);
    revalidatePath(`/agents/${id}/receipt-books`);
    return { ok: true, message: t.paperwork.books.saved, seq: (prev.seq ?? 0) + 1 };
  });
}

export async function closeReceiptBookAction(agentId: number, bookId: number, prev: FormState, fd: FormData): Promise<FormState> {
  const id = idParam(agentId);
  const book = idParam(bookId);
  const values = readForm(fd);
  return runAction({ permission: "paperwork.write", values }, async ({ p, t }) => {
    await closeReceiptBook(db(), p, book, values);
    revalidatePath(`/agents/${id}/receipt-books`);
    return { ok: true, message: t.paperwork.books.saved, seq: (prev.seq ?? 0) + 1 };
  });
}

/** The rules of the agent's province (administrators). */
export async function paperworkSettingsAction(agentId: number, prev: FormState, fd: FormData): Promise<FormState> {
  const id = idParam(agentId);
  const values = readForm(fd);
  return runAction({ permission: "agent.write", values }, async ({ p, t }) => {
    const { agent } = await listReceiptBooks(db(), p, id);
    await setPaperworkSettings(db(), p, agent.provinceCode, values);
    revalidatePath(`/agents/${id}/receipt-books`);
    return { ok: true, message: t.paperwork.books.saved, seq: (prev.seq ?? 0) + 1 };
  });
}

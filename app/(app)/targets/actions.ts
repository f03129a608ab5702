"use server";
// Thin server actions of the target editor: who is calling, then lib/server/targets/targets.ts does the rest.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getMessages } from "@/lib/i18n/server";
import { requirePrincipal } from "@/lib/server/auth/session";
import { AuthError } from "@/lib/server/auth/authz";
import { db } from "@/lib/server/db/index";
import { TargetError, lockTargets, previewAllocation, reopenTargets, saveAllocation, setTarget, type AllocationPreview } from "@/lib/server/targets/targets";
import { fill } from "@/lib/i18n/messages";

export type TargetFormState = {
  ok: boolean;
  message?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
};

async function failure(e: unknown, values?: Record<string, string>): Promise<TargetFormState> {
  const { t } = await getMessages();
  if (e instanceof z.ZodError) {
    const fieldErrors: Record<string, string> = {};
    for (const i of e.issues) fieldErrors[i.path.join(".") || "_form"] ??= i.message;
    return { ok: false, fieldErrors, error: Object.values(fieldErrors)[0], values };
  }
  if (e instanceof TargetError) return { ok: false, error: e.message, values };
  if (e instanceof AuthError) return { ok: false, error: e.status === 404 ? t.notFound : t.forbidden, values };
  throw e;
}

const valuesOf = (fd: FormData) => Object.fromEntries([...fd.entries()].filter(([k, v]) => !k.startsWith("$ACTION") && typeof v === "string")) as Record<string, string>;

/** Sets one target from a row of the editor. */
export async function setTargetAction(_prev: TargetFormState, fd: FormData): Promise<TargetFormState> {
  const values = valuesOf(fd);
  const { locale, t } = await getMessages();
  try {
    const p = await requirePrincipal();
    const r = await setTarget(db(), p, values, { locale });
    revalidatePath("/targets");
    return { ok: true, message: r.status === "unchanged" ? t.targets.unchanged : r.status === "created" ? t.targets.created : t.targets.saved };
  } catch (e) {
    return failure(e, values);
  }
}

export type PreviewResult = { ok: true; preview: AllocationPreview } | { ok: false; error: string };

export async function previewAllocationAction(input: { year: number; unitCode: string; method: string; floorCurrent: boolean }): Promise<PreviewResult> {
  const { locale } = await getMessages();
  try {
    const p = await requirePrincipal();
    return { ok: true, preview: await previewAllocation(db(), p, input, { locale }) };
  } catch (e) {
    const f = await failure(e);
    return { ok: false, error: f.error ?? "" };
  }
}

export async function saveAllocationAction(input: unknown): Promise<TargetFormState> {
  const { locale, t } = await getMessages();
  try {
    const p = await requirePrincipal();
    const r = await saveAllocation(db(), p, input, { locale });
    revalidatePath("/targets");
    return { ok: true, message: fill(t.targets.allocSaved, { n: r.changed }) };
  } catch (e) {
    return failure(e);
  }
}

export async function lockAction(_prev: TargetFormState, fd: FormData): Promise<TargetFormState> {
  const { locale, t } = await getMessages();
  try {
    const p = await requirePrincipal();
    const r = await lockTargets(db(), p, valuesOf(fd), { locale });
    revalidatePath("/targets");
    return { ok: true, message: fill(t.targets.locked, { n: r.count }) };
  } catch (e) {
    return failure(e);
  }
}

export async function reopenAction(_prev: TargetFormState, fd: FormData): Promise<TargetFormState> {
  const { locale, t } = await getMessages();
  try {
    const p = await requirePrincipal();
    const r = await reopenTargets(db(), p, valuesOf(fd), { locale });
    revalidatePath("/targets");
    return { ok: true, message: fill(t.targets.reopened, { n: r.count }) };
  } catch (e) {
    return failure(e);
  }
}

"use server";
// Server actions of the target editor, in the one template (lib/server/http/action.ts);
// lib/server/targets/targets.ts checks the role and the scope (the unit is looked up first).
import { revalidatePath } from "next/cache";
import { fill } from "@/lib/i18n/messages";
import { runAction } from "@/lib/server/http/action";
import { db } from "@/lib/server/db/index";
import { lockTargets, previewAllocation, reopenTargets, saveAllocation, setTarget, type AllocationPreview } from "@/lib/server/targets/targets";
import { saveTargets } from "@/lib/server/targets/batch";
import type { BatchState } from "@/components/targets/target-batch";
import { readForm, type FormState } from "@/lib/validation/form";

export type PreviewState = FormState & { preview?: AllocationPreview };

/** Sets one target from a row of the editor. */
export async function setTargetAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const values = readForm(fd);
  return runAction({ values }, async ({ p, t }) => {
    const r = await setTarget(db(), p, values);
    revalidatePath("/targets");
    return { ok: true, message: r.status === "unchanged" ? t.targets.unchanged : r.status === "created" ? t.targets.created : t.targets.saved };
  });
}

/** Saves every changed row of the editor's table in one transaction (all or nothing), each with its own version. */
export async function saveTargetsAction(input: unknown): Promise<BatchState> {
  return runAction<BatchState>({}, async ({ p, t }) => {
    const r = await saveTargets(db(), p, input);
    if (!r.ok)
      return { ok: false, formError: r.rowErrors._form ?? fill(t.targets.batch.refused, { n: Object.keys(r.rowErrors).length }), rowErrors: r.rowErrors };
    revalidatePath("/targets");
    return { ok: true, saved: r.rows };
  });
}

export async function previewAllocationAction(input: { year: number; unitCode: string; method: string; floorCurrent: boolean }): Promise<PreviewState> {
  return runAction<PreviewState>({}, async ({ p }) => ({ ok: true, preview: await previewAllocation(db(), p, input) }));
}

export async function saveAllocationAction(input: unknown): Promise<FormState> {
  return runAction({}, async ({ p, t }) => {
    const r = await saveAllocation(db(), p, input);
    revalidatePath("/targets");
    return { ok: true, message: fill(t.targets.allocSaved, { n: r.changed }) };
  });
}

export async function lockAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runAction({}, async ({ p, t }) => {
    const r = await lockTargets(db(), p, readForm(fd));
    revalidatePath("/targets");
    return { ok: true, message: fill(t.targets.locked, { n: r.count }) };
  });
}

export async function reopenAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runAction({}, async ({ p, t }) => {
    const r = await reopenTargets(db(), p, readForm(fd));
    revalidatePath("/targets");
    return { ok: true, message: fill(t.targets.reopened, { n: r.count }) };
  });
}

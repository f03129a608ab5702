"use server";
// Thin server actions for the conferences screens.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/server/db/index";
import { requirePrincipal } from "@/lib/server/auth/session";
import { assertCan } from "@/lib/server/auth/authz";
import { attempt } from "@/lib/server/agents/form-action";
import { createConference, deleteConference, updateConference } from "@/lib/server/agents/conferences";
import { formValues, type FormState } from "@/lib/validation/agents-form";

const id = z.coerce.number().int().positive();

export async function createConferenceAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const p = await requirePrincipal();
  assertCan(p, "conference.write");
  const values = formValues(fd);
  const r = await attempt(values, (o) => createConference(db(), p, values, o));
  if (!r.ok) return r.state;
  revalidatePath("/conferences");
  redirect(`/conferences?created=${r.result.id}`);
}

export async function updateConferenceAction(conferenceId: number, _prev: FormState, fd: FormData): Promise<FormState> {
  const p = await requirePrincipal();
  assertCan(p, "conference.write");
  const values = formValues(fd);
  const r = await attempt(values, (o) => updateConference(db(), p, id.parse(conferenceId), values, o));
  if (!r.ok) return r.state;
  revalidatePath("/conferences");
  redirect("/conferences");
}

export async function deleteConferenceAction(conferenceId: number, _prev: FormState): Promise<FormState> {
  const p = await requirePrincipal();
  assertCan(p, "conference.write");
  const r = await attempt({}, (o) => deleteConference(db(), p, id.parse(conferenceId), o));
  if (!r.ok) return r.state;
  revalidatePath("/conferences");
  redirect("/conferences");
}

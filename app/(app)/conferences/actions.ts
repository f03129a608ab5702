"use server";
// Server actions of the conferences screens, in the one template (lib/server/http/action.ts).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { db } from "@/lib/server/db/index";
import { runAction } from "@/lib/server/http/action";
import { idParam } from "@/lib/server/http/params";
import { createConference, deleteConference, updateConference } from "@/lib/server/agents/conferences";
import { readForm, type FormState } from "@/lib/validation/form";

export async function createConferenceAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const values = readForm(fd);
  return runAction({ permission: "conference.write", values }, async ({ p }) => {
    const r = await createConference(db(), p, values);
    revalidatePath("/conferences");
    redirect(`/conferences?created=${r.id}`);
  });
}

export async function updateConferenceAction(conferenceId: number, _prev: FormState, fd: FormData): Promise<FormState> {
  const values = readForm(fd);
  return runAction({ permission: "conference.write", values }, async ({ p }) => {
    await updateConference(db(), p, idParam(conferenceId), values);
    revalidatePath("/conferences");
    redirect("/conferences");
  });
}

export async function deleteConferenceAction(conferenceId: number, _prev: FormState): Promise<FormState> {
  return runAction({ permission: "conference.write" }, async ({ p }) => {
    await deleteConference(db(), p, idParam(conferenceId));
    revalidatePath("/conferences");
    redirect("/conferences");
  });
}

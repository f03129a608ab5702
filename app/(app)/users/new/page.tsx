import Link from "next/link";
import { getMessages } from "@/lib/server/http/locale";
import { ROLE_LEVELS } from "@/lib/server/auth/authz";
import { db } from "@/lib/server/db/index";
import { requirePagePrincipal } from "@/lib/server/http/page";
import { assignableRoles, assignableUnits } from "@/lib/server/auth/users";
import { UserForm } from "./user-form";
import { createUserAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function NewUserPage() {
  const p = await requirePagePrincipal("user.manage");
  const { t } = await getMessages();
  const units = await assignableUnits(db(), p);
  return (
    <div className="space-y-4">
      <Link href="/users" className="text-sm text-sky-700 hover:underline">
        {t.admin.users.back}
      </Link>
      <h1 className="text-2xl font-bold">{t.admin.users.add}</h1>
      <UserForm action={createUserAction} roles={assignableRoles(p)} roleNames={t.roles} roleLevels={ROLE_LEVELS} units={units} text={t.admin} />
    </div>
  );
}

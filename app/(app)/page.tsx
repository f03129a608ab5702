import { redirect } from "next/navigation";
import { currentPrincipal } from "@/lib/server/auth/session";

export default async function Home() {
  // a collector's home is its worklist (it has no unit pages)
  if ((await currentPrincipal())?.role === "COLLECTOR") redirect("/field");
  redirect("/units");
}

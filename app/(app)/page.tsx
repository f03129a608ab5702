import { redirect } from "next/navigation";
import { requirePagePrincipal } from "@/lib/server/http/page";
import { landingPath } from "@/components/shell/nav";

/** The landing page depends on the role (components/shell/nav.ts landingPath). */
export default async function Home() {
  const p = await requirePagePrincipal();
  redirect(landingPath(p.role));
}

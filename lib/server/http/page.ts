import "server-only";
import { notFound, redirect, forbidden } from "next/navigation";
import { currentPrincipal } from "../auth/session";
import { AuthError, can, type Permission, type Principal } from "../auth/authz";

/** For pages: the signed-in caller with the permission, or a redirect to sign-in / a 403 page. */
export async function requirePagePrincipal(permission?: Permission): Promise<Principal> {
  const p = await currentPrincipal();
  if (!p) redirect("/login");
  if (permission && !can(p, permission)) forbidden();
  return p;
}

/** Runs a scoped read for a page; out-of-scope or missing rows become the 404 page. */
export async function orNotFound<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AuthError) {
      if (e.status === 403) forbidden();
      notFound();
    }
    throw e;
  }
}

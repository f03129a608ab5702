"use client";
import { signOut } from "next-auth/react";

export function SignOutButton({ label }: { label: string }) {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: "/login" })} className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100" data-testid="sign-out">
      {label}
    </button>
  );
}

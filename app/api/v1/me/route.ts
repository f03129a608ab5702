import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/server/http/api";
import { permissionsOf } from "@/lib/server/auth/authz";

export const GET = apiRoute(async (_req, p) =>
  NextResponse.json({ login: p.login, name: p.name, role: p.role, unitCode: p.unitCode, scope: p.scope, permissions: permissionsOf(p.role) }),
);

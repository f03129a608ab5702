// A principal for the measurement scripts that call the server's functions directly (no sign-in): a role
// and a scope, nothing else. Authorization runs on it exactly as on a signed-in user's.
import type { Principal, Scope } from "../../lib/server/auth/authz";

export function benchPrincipal(scope: Scope, role: Principal["role"]): Principal {
  return { userId: 0, login: "bench", name: "bench", role, unitCode: "", scope, locale: "vi" };
}

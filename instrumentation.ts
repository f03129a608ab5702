// Runs once when the server starts (`next start`, `next dev`): append the socket's address to
// X-Forwarded-For (lib/server/http/peer-address.ts, for TRUST_PROXY_HOPS), refuse to serve with a
// missing or development secret in production, and take the embedded database's lock
// (lib/server/startup.ts). Either refusal exits the server with code 1.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installPeerAddress } = await import("./lib/server/http/peer-address");
  installPeerAddress();
  const { startupChecks } = await import("./lib/server/startup");
  await startupChecks();
}

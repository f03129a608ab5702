// Runs once when the server starts: refuse to serve with a missing or development secret in
// production, and take the embedded database's lock (lib/server/startup.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startupChecks } = await import("./lib/server/startup");
  await startupChecks();
}

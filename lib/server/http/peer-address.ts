// The address that connected to us, for clientIp (rate-limit.ts). `next start` fills X-Forwarded-For
// with the socket's address only when the client sent none, so a client could name any address it
// liked. Installed once at start (instrumentation.ts): every incoming request gets the socket's
// address APPENDED to X-Forwarded-For, as a proxy would, before Next sees the request.
import http from "node:http";

export function installPeerAddress(): void {
  const g = globalThis as unknown as { __peerAddressInstalled?: boolean };
  if (g.__peerAddressInstalled) return;
  g.__peerAddressInstalled = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      const peer = req.socket?.remoteAddress;
      if (peer) {
        const sent = req.headers["x-forwarded-for"];
        const prior = (Array.isArray(sent) ? sent.join(", ") : (sent ?? "")).trim();
        req.headers["x-forwarded-for"] = prior ? `${prior}, ${peer}` : peer;
      }
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}

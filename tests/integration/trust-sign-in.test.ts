// Sign-in reveals nothing and cannot lock anyone out (issue 17 item 7). Before: an unknown login
// answered at once while a wrong password took a bcrypt comparison; five failures locked a login for
// everyone (national admin included); a forged X-Forwarded-For chose the address the limits counted.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "./db";
import { delaySeconds, FREE_FAILURES, MAX_LOGINS_PER_ADDRESS, recordFailure, throttledUntil } from "@/lib/server/auth/login-throttle";
import { clientIp } from "@/lib/server/http/rate-limit";
import { installPeerAddress } from "@/lib/server/http/peer-address";

let t: TestDb;
beforeAll(async () => {
  t = await freshDb({ asProcessClient: true });
});
afterAll(async () => {
  await t?.close();
});

type Authorize = (c: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null>;
async function authorize(): Promise<Authorize> {
  const { authOptions } = await import("@/lib/server/auth/session");
  return (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
}
const from = (ip: string) => ({ headers: { "x-forwarded-for": ip } });
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: Error) => e.message.split(":")[0],
  );

describe("sign-in", () => {
  it("an unknown login takes as long as a wrong password (one bcrypt comparison against a dummy hash)", async () => {
    const { hashPassword } = await import("@/lib/server/auth/passwords");
    await t.prisma.user.create({
      data: { login: "do.thoi.gian", name: "Đo", passwordHash: await hashPassword("Dung@2026x"), role: "DISTRICT_STAFF", unitCode: "001" },
    });
    const signIn = await authorize();
    const time = async (login: string, i: number) => {
      const s = performance.now();
      await outcome(signIn({ login, password: "sai" }, from(`198.51.100.${100 + i}`)));
      return performance.now() - s;
    };
    await time("khong.ton.tai.0", 0); // warm-up (the dummy hash is made once)
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const wrong: number[] = [],
      unknown: number[] = [];
    for (let i = 1; i <= 5; i++) {
      wrong.push(await time("do.thoi.gian", i));
      unknown.push(await time(`khong.ton.tai.${i}`, i));
    }
    // old code: unknown logins answered without any bcrypt work (a few ms against ~50+ ms)
    expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.6);
  });

  it("failures from one address slow that address only: the owner signs in from theirs", async () => {
    const { hashPassword } = await import("@/lib/server/auth/passwords");
    const victim = await t.prisma.user.create({
      data: { login: "nan.nhan", name: "Nạn nhân", passwordHash: await hashPassword("Dung@2026x"), role: "ADMIN", unitCode: "VN" },
    });
    const signIn = await authorize();
    const results: string[] = [];
    for (let i = 0; i < FREE_FAILURES + 3; i++) results.push(await outcome(signIn({ login: "nan.nhan", password: `doan-${i}` }, from("203.0.113.66"))));
    expect(results).toEqual([...Array(FREE_FAILURES - 1).fill("INVALID_CREDENTIALS"), ...Array(4).fill("LOCKED")]);
    // the attacker's address waits even with the right password …
    expect(await outcome(signIn({ login: "nan.nhan", password: "Dung@2026x" }, from("203.0.113.66")))).toBe("LOCKED");
    // … the owner, from their own address, is not locked out (the old per-login lock refused them too)
    expect(await signIn({ login: "nan.nhan", password: "Dung@2026x" }, from("198.51.100.7"))).toMatchObject({ id: String(victim.id) });
  });

  it("delays grow (30 s doubling, at most 15 min), and unknown logins from one address share one row past a cap", async () => {
    expect([4, 5, 6, 7, 20].map(delaySeconds)).toEqual([0, 30, 60, 120, 900]);
    const now = new Date("2026-06-01T08:00:00Z");
    for (let i = 0; i < MAX_LOGINS_PER_ADDRESS + 30; i++) await recordFailure(t.prisma, `ten.doan.${i}`, "192.0.2.200", now);
    const rows = await t.prisma.loginThrottle.count({ where: { address: "192.0.2.200" } });
    expect(rows).toBe(MAX_LOGINS_PER_ADDRESS + 1);
    // the shared row has counted the other 30: any further login from that address waits
    expect(await throttledUntil(t.prisma, "ten.moi", "192.0.2.200", now)).not.toBeNull();
    expect(await throttledUntil(t.prisma, "ten.moi", "192.0.2.201", now)).toBeNull();
  });
});

describe("the caller's address (TRUST_PROXY_HOPS)", () => {
  it("counts trusted proxies from the right; what the client wrote further left is never used", () => {
    const h = { "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.2" };
    expect(clientIp(h, 0)).toBe("10.0.0.2");
    expect(clientIp(h, 1)).toBe("203.0.113.9");
    expect(clientIp({ "x-forwarded-for": "10.0.0.2" }, 3)).toBe("10.0.0.2");
    expect(clientIp({}, 0)).toBe("unknown");
  });

  it("the server appends the socket's address to X-Forwarded-For, so a forged header does not pick the address", async () => {
    installPeerAddress();
    const server = http.createServer((req, res) => res.end(clientIp(req.headers, 0)));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const port = (server.address() as { port: number }).port;
      const seen = await (await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-forwarded-for": "6.6.6.6" } })).text();
      expect(seen).toBe("127.0.0.1");
    } finally {
      server.close();
    }
  });
});

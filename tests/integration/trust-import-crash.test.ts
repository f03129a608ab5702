// After a crash mid-import (the server killed while the job was "importing"), confirming the job again
// used to answer "This file has already been imported" — though the one-transaction import had rolled
// back and nothing was imported — and the staged file stayed. Now it says the import did not complete,
// clears the partial report, and the next confirmation runs it (issue 17 item 9).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "./db";
import { principalFor } from "../fixtures/factories";
import { csvOf, person } from "../fixtures/import";
import { messages } from "@/lib/i18n/messages";
import { confirmStaged, stageAndPreview, type StreamEvent } from "@/lib/server/imports/flow";
import { jobPaths, readJob, writeJob } from "@/lib/server/imports/jobs";
import type { Principal } from "@/lib/server/auth/authz";

let t: TestDb;
let staff: Principal;
let dir: string;
const saved = process.env.IMPORT_TMP_DIR;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-crash-"));
  process.env.IMPORT_TMP_DIR = dir;
  t = await freshDb();
  staff = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
});
afterAll(async () => {
  if (saved === undefined) delete process.env.IMPORT_TMP_DIR;
  else process.env.IMPORT_TMP_DIR = saved;
  fs.rmSync(dir, { recursive: true, force: true });
  await t?.close();
});

describe("confirming a job whose import was interrupted by a crash", () => {
  it("says it did not complete, then runs it again; the upload is deleted after", async () => {
    const people = Array.from({ length: 3 }, (_, i) => person(700_000 + i, "00004"));
    const events: StreamEvent[] = [];
    await stageAndPreview(t.prisma, staff, { name: "lan1.csv", data: csvOf(people) }, (e) => events.push(e));
    const preview = events.find((e) => e.type === "preview");
    const jobId = preview?.type === "preview" ? preview.summary.jobId : "";
    // what a server killed in the middle leaves: "importing", by a process that is gone, a partial report
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid!;
    const job = (await readJob(staff.userId, jobId))!;
    await writeJob({ ...job, status: "importing", runner: { pid: gone, start: "1", host: os.hostname() } });
    fs.writeFileSync(jobPaths(staff.userId, jobId).rejected, "{}\n");

    const vi = messages.vi;
    await expect(confirmStaged(t.prisma, staff, jobId, vi, () => undefined)).rejects.toThrow(vi.enrollment.import.jobInterrupted);
    expect(vi.enrollment.import.jobInterrupted).not.toBe(vi.enrollment.import.jobUsed);
    expect(fs.existsSync(jobPaths(staff.userId, jobId).rejected), "the partial report is cleared").toBe(false);
    expect(await t.prisma.enrollee.count()).toBe(0);

    const done: StreamEvent[] = [];
    await confirmStaged(t.prisma, staff, jobId, vi, (e) => done.push(e));
    const r = done.find((e) => e.type === "done");
    expect(r?.type === "done" && r.result).toMatchObject({ created: 3 });
    expect(fs.existsSync(jobPaths(staff.userId, jobId).upload), "the staged file is deleted").toBe(false);
    await expect(confirmStaged(t.prisma, staff, jobId, vi, () => undefined)).rejects.toThrow(vi.enrollment.import.jobUsed);
  });
});

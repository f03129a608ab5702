// After a crash mid-import (the server killed while the job was "importing"), confirming the job again
// used to answer "This file has already been imported" — though the one-transaction import had rolled
// back and nothing was imported — and the staged file stayed. Now it says the import did not complete,
// clears the partial report, and the next confirmation runs it (issue 17 item 9).
import { spawnSync } from "node:child_process";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "./db";
import { principalFor } from "../fixtures/factories";
import { csvOf, person } from "../fixtures/import";
import { messages } from "@/lib/i18n/messages";
import { confirmStaged, stageAndPreview, type StreamEvent } from "@/lib/server/imports/flow";
import { readJob, writeJob } from "@/lib/server/imports/jobs";
import type { Principal } from "@/lib/server/auth/authz";

let t: TestDb;
let staff: Principal;
beforeAll(async () => {
  t = await freshDb();
  staff = await principalFor(t.prisma, "DISTRICT_STAFF", "001");
});
afterAll(async () => {
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
    const job = (await readJob(t.prisma, staff.userId, jobId))!;
    await writeJob(t.prisma, { ...job, status: "importing", runner: { pid: gone, start: "1", host: os.hostname() } });
    await t.prisma.importJobReport.create({ data: { jobId, seq: 7, data: new Uint8Array([1, 2, 3]) } });
    const reportRows = () => t.prisma.importJobReport.count({ where: { jobId } });

    const vi = messages.vi;
    await expect(confirmStaged(t.prisma, staff, jobId, vi, () => undefined)).rejects.toThrow(vi.imports.jobInterrupted);
    expect(vi.imports.jobInterrupted).not.toBe(vi.imports.jobUsed);
    expect(await reportRows(), "the partial report is cleared").toBe(0);
    expect(await t.prisma.enrollee.count()).toBe(0);

    const done: StreamEvent[] = [];
    await confirmStaged(t.prisma, staff, jobId, vi, (e) => done.push(e));
    const r = done.find((e) => e.type === "done");
    expect(r?.type === "done" && r.result).toMatchObject({ created: 3 });
    expect((await t.prisma.importJob.findUniqueOrThrow({ where: { id: jobId } })).upload, "the staged file is deleted").toBeNull();
    await expect(confirmStaged(t.prisma, staff, jobId, vi, () => undefined)).rejects.toThrow(vi.imports.jobUsed);
  });
});

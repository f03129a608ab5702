// Shared by the backup/restore/export/import scripts: arguments, messages, exit codes.
import { BackupError } from "../lib/ops/backup";
import { DatabaseLockedError } from "../lib/server/db/folder-lock";

export function parseArgs(usage: string): { file: string; force: boolean } {
  const args = process.argv.slice(2);
  const force = args.includes("--force");
  const files = args.filter((a) => !a.startsWith("--"));
  const unknown = args.filter((a) => a.startsWith("--") && a !== "--force");
  if (files.length !== 1 || unknown.length > 0 || args.includes("--help")) {
    console.error(usage);
    process.exit(2);
  }
  return { file: files[0], force };
}

export function printCounts(counts: Record<string, number> | undefined): void {
  if (!counts) return;
  const width = Math.max(...Object.keys(counts).map((k) => k.length));
  for (const [t, n] of Object.entries(counts)) console.log(`  ${t.padEnd(width)}  ${n.toLocaleString("en-US").padStart(12)}`);
}

export function runMain(main: () => Promise<void>): void {
  main().catch((e) => {
    console.error(e instanceof BackupError || e instanceof DatabaseLockedError ? `error: ${e.message}` : e);
    process.exit(1);
  });
}

// Bulk loading for the scale generator: rows are collected column by column and written per batch
// with either
//  - COPY … FROM STDIN (text format) on a pg.Client — about 5× faster than INSERT here; driven
//    through pg's documented "submittable" query interface (what pg-copy-streams uses), so no
//    extra package is needed; or
//  - `INSERT … SELECT * FROM unnest($1::type[], $2::type[], …)` on any SqlConnection (PGlite,
//    Prisma): each column travels as one array literal, one round trip and one parse per batch.
import type { PGlite } from "@electric-sql/pglite";
import type { Client } from "pg";
import type { SqlConnection } from "./sql";

/** A SqlConnection that may also stream COPY data (PostgreSQL through pg). */
export type BulkConnection = SqlConnection & { copyFrom?(sql: string, data: string): Promise<number> };

/** A column: its name, the PostgreSQL type its array is cast to ("text", "int4", "date", "timestamp(3)",
 *  or a quoted enum), and "bare" for text that never needs quoting (digits, codes without spaces). */
export type Column = readonly [name: string, type: string, bare?: "bare"];

// Types whose values never contain quotes, commas, braces, backslashes or spaces: no quoting needed.
const BARE = /^(int4|int8|date|timestamp\(3\)|bool|"[A-Za-z]+")$/;

const NEEDS_ESCAPE = /[\\"]/;
function quote(v: unknown): string {
  const s = String(v);
  return NEEDS_ESCAPE.test(s) ? `"${s.replace(/[\\"]/g, "\\$&")}"` : `"${s}"`;
}

const COPY_ESCAPE = /[\\\t\n\r]/g;
const COPY_CODES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** COPY text format: tab-separated, \N for NULL, backslash escapes. */
function copyValue(v: unknown, bare: boolean): string {
  if (v === null || v === undefined) return "\\N";
  const s = String(v);
  return bare ? s : s.replace(COPY_ESCAPE, (c) => COPY_CODES[c]);
}

/** `{a,b,NULL}` — a PostgreSQL array literal of the values. */
export function arrayLiteral(values: readonly unknown[], bare: boolean): string {
  let s = "{";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) s += ",";
    s += v === null || v === undefined ? "NULL" : bare ? String(v) : quote(v);
  }
  return s + "}";
}

export class BulkTable {
  private cols: unknown[][];
  private readonly sql: string;
  private readonly copySql: string;
  private readonly bare: boolean[];
  rows = 0;
  written = 0;

  constructor(
    readonly table: string,
    readonly columns: readonly Column[],
  ) {
    this.cols = columns.map(() => []);
    this.bare = columns.map(([, type, bare]) => bare === "bare" || BARE.test(type));
    const names = columns.map(([n]) => `"${n}"`).join(", ");
    const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ");
    this.sql = `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${arrays})`;
    this.copySql = `COPY "${table}" (${names}) FROM STDIN`;
  }

  /** Adds one row; values in the order of `columns`. */
  push(...values: unknown[]): void {
    for (let i = 0; i < values.length; i++) this.cols[i].push(values[i]);
    this.rows++;
  }

  /** Starts writing the collected rows and empties the buffer; the promise settles when the database has them. */
  flush(conn: BulkConnection): Promise<unknown> {
    if (this.rows === 0) return Promise.resolve();
    const n = this.rows;
    const cols = this.cols;
    this.cols = this.columns.map(() => []);
    this.rows = 0;
    const done = () => {
      this.written += n;
    };
    if (conn.copyFrom) {
      let data = "";
      for (let r = 0; r < n; r++) {
        for (let c = 0; c < cols.length; c++) data += (c ? "\t" : "") + copyValue(cols[c][r], this.bare[c]);
        data += "\n";
      }
      return conn.copyFrom(this.copySql, data).then(done);
    }
    return conn
      .query(
        this.sql,
        cols.map((c, i) => arrayLiteral(c, this.bare[i])),
      )
      .then(done);
  }
}

type PgConnection = { query(text: string): void; sendCopyFromChunk(b: Buffer): void; endCopyFrom(): void };

/**
 * COPY … FROM STDIN through pg's submittable interface (client.query(obj) calls obj.submit and then
 * the handle* callbacks as the server answers). Resolves with the number of rows copied.
 */
export function copyFrom(client: Client, sql: string, data: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    const CHUNK = 1 << 20;
    const submittable = {
      submit: (c: PgConnection) => c.query(sql),
      handleCopyInResponse: (c: PgConnection) => {
        const buf = Buffer.from(data, "utf8");
        for (let i = 0; i < buf.length; i += CHUNK) c.sendCopyFromChunk(buf.subarray(i, i + CHUNK));
        c.endCopyFrom();
      },
      handleCommandComplete: (msg: { text?: string; command?: string; rowCount?: number }) => {
        rows = Number(msg.rowCount ?? String(msg.text ?? "").split(" ")[1] ?? 0);
      },
      // pg clears the active query on an error and delivers no readyForQuery to it: settle here
      handleError: (err: Error) => reject(err),
      handleReadyForQuery: () => resolve(rows),
      handleEmptyQuery: () => {},
      handleRowDescription: () => {},
      handleDataRow: () => {},
      handleCopyData: () => {},
      handlePortalSuspended: () => {},
    };
    client.query(submittable as never);
  });
}

/** A pg client as a BulkConnection that writes batches with COPY. */
export function bulkConnection(client: Client, conn: SqlConnection): BulkConnection {
  return { ...conn, copyFrom: (sql, data) => copyFrom(client, sql, data) };
}

/** A PGlite instance as a BulkConnection: COPY reads the batch from a Blob ('/dev/blob'). */
export function pgliteBulkConnection(db: PGlite, conn: SqlConnection): BulkConnection {
  return {
    ...conn,
    copyFrom: async (sql, data) => {
      const r = await db.query(sql.replace(/FROM STDIN$/, "FROM '/dev/blob'"), [], { blob: new Blob([data]) });
      return r.affectedRows ?? 0;
    },
  };
}

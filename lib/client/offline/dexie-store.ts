// The offline queue's store in the browser: IndexedDB through Dexie (ADR 1201). One database per device
// ("bhxh-offline"): the queued entries (by key, with the user and the order) and a few named values (the
// last sync summary, the reference data of the signed-in user's scope). Cleared whole at sign-out.
import Dexie, { type Table } from "dexie";
import { OFFLINE_DB_NAME, type QueueEntry, type QueueStore } from "./queue";

export { OFFLINE_DB_NAME };

class OfflineDb extends Dexie {
  entries!: Table<QueueEntry, string>;
  meta!: Table<{ name: string; value: unknown }, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ entries: "key, userId, seq", meta: "name" });
  }
}

export class DexieStore implements QueueStore {
  private db: OfflineDb;
  constructor(name = OFFLINE_DB_NAME) {
    this.db = new OfflineDb(name);
  }
  async entries() {
    return this.db.entries.toArray();
  }
  async put(e: QueueEntry) {
    await this.db.entries.put(e);
  }
  async remove(key: string) {
    await this.db.entries.delete(key);
  }
  async getMeta<T>(name: string) {
    return (await this.db.meta.get(name))?.value as T | undefined;
  }
  async setMeta(name: string, value: unknown) {
    await this.db.meta.put({ name, value });
  }
  async clear() {
    await this.db.transaction("rw", this.db.entries, this.db.meta, async () => {
      await this.db.entries.clear();
      await this.db.meta.clear();
    });
  }
  close() {
    this.db.close();
  }
}

// Brings a database to a usable state: migrations, reference data, and (optionally) the demo set.
// Each step runs only when needed, so a second start is quick.
import { createPrisma } from "../../server/db/client";
import { openSql } from "../connect";
import { migrate } from "../migrate";
import { seedReference } from "./reference";
import { seedDemo } from "./demo";

export async function setupDatabase(opts: { demo: boolean; url?: string; log?: (s: string) => void }) {
  const log = opts.log ?? (() => {});
  const sql = await openSql(opts.url);
  try {
    const applied = await migrate(sql);
    log(applied.length ? `Đã áp dụng migration: ${applied.join(", ")}` : "Cơ sở dữ liệu đã cập nhật (không có migration mới).");
  } finally {
    await sql.close();
  }
  const prisma = createPrisma(opts.url);
  try {
    if ((await prisma.unit.count()) === 0) {
      const t = Date.now();
      const r = await seedReference(prisma);
      log(`Đã nạp danh mục: ${r.units} đơn vị hành chính (${Date.now() - t} ms).`);
    }
    if (opts.demo && (await prisma.user.count()) === 0) {
      const t = Date.now();
      log("Đang tạo dữ liệu mẫu…");
      const r = await seedDemo(prisma);
      log(`Đã tạo dữ liệu mẫu: ${r.enrollees} người tham gia, ${r.contributions} khoản đóng (${Math.round((Date.now() - t) / 1000)} s).`);
    }
  } finally {
    await prisma.$disconnect();
  }
}

-- The TK1-TS declaration's fields the enrollee lacked (issue 13 item 2): [04] nationality (Việt Nam unless
-- told otherwise), [05] ethnicity (one of the 54 groups of lib/domain/ethnicities.ts), [08] email. Additive.
-- AlterTable
ALTER TABLE "Enrollee" ADD COLUMN     "email" TEXT,
ADD COLUMN     "ethnicity" TEXT,
ADD COLUMN     "nationality" TEXT NOT NULL DEFAULT 'Việt Nam';

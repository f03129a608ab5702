-- Field work (issue 11): collector logins (Role COLLECTOR, User.collectorId), the collector on each
-- payment and the receipt's first print, the agent's collection account for VietQR, and the contact log.
-- CreateEnum
CREATE TYPE "ContactOutcome" AS ENUM ('REACHED', 'NOT_REACHED', 'PROMISED', 'REFUSED');

-- CreateEnum
CREATE TYPE "RefusalReason" AS ENUM ('CANNOT_AFFORD', 'MOVED_AWAY', 'COMPULSORY_INSURANCE', 'DECEASED', 'OTHER');

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'COLLECTOR';

-- AlterTable
ALTER TABLE "CollectionAgent" ADD COLUMN     "bankAccountName" TEXT,
ADD COLUMN     "bankAccountNo" TEXT,
ADD COLUMN     "bankBin" TEXT;

-- AlterTable
ALTER TABLE "Contribution" ADD COLUMN     "collectorId" INTEGER,
ADD COLUMN     "receiptFirstPrintedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "collectorId" INTEGER;

-- CreateTable
CREATE TABLE "ContactLog" (
    "id" SERIAL NOT NULL,
    "enrolleeId" INTEGER NOT NULL,
    "provinceCode" TEXT NOT NULL,
    "areaCode" TEXT NOT NULL,
    "communeCode" TEXT NOT NULL,
    "agentId" INTEGER,
    "collectorId" INTEGER,
    "userId" INTEGER NOT NULL,
    "outcome" "ContactOutcome" NOT NULL,
    "reason" "RefusalReason",
    "promisedOn" DATE,
    "followUpOn" DATE,
    "note" TEXT,
    "contactedOn" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContactLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ContactLog_enrolleeId_createdAt_idx" ON "ContactLog"("enrolleeId", "createdAt");

-- CreateIndex
CREATE INDEX "ContactLog_areaCode_contactedOn_idx" ON "ContactLog"("areaCode", "contactedOn");

-- CreateIndex
CREATE INDEX "ContactLog_agentId_contactedOn_idx" ON "ContactLog"("agentId", "contactedOn");

-- CreateIndex
CREATE UNIQUE INDEX "User_collectorId_key" ON "User"("collectorId");

-- AddForeignKey
ALTER TABLE "Contribution" ADD CONSTRAINT "Contribution_collectorId_fkey" FOREIGN KEY ("collectorId") REFERENCES "Collector"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactLog" ADD CONSTRAINT "ContactLog_enrolleeId_fkey" FOREIGN KEY ("enrolleeId") REFERENCES "Enrollee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactLog" ADD CONSTRAINT "ContactLog_collectorId_fkey" FOREIGN KEY ("collectorId") REFERENCES "Collector"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactLog" ADD CONSTRAINT "ContactLog_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_collectorId_fkey" FOREIGN KEY ("collectorId") REFERENCES "Collector"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- The agents' paperwork and money trail (issue 13): receipt books and voided numbers, per-province
-- settings (receipt check, days money may be held) and remittances. Additive only.
-- CreateEnum
CREATE TYPE "ReceiptCheck" AS ENUM ('OFF', 'WARN', 'REFUSE');

-- CreateTable
CREATE TABLE "ReceiptBook" (
    "id" SERIAL NOT NULL,
    "agentId" INTEGER NOT NULL,
    "collectorId" INTEGER,
    "provinceCode" TEXT NOT NULL,
    "areaCode" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "firstNo" INTEGER NOT NULL,
    "lastNo" INTEGER NOT NULL,
    "digits" INTEGER NOT NULL DEFAULT 7,
    "issuedOn" DATE NOT NULL,
    "closedOn" DATE,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReceiptBook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReceiptVoid" (
    "id" SERIAL NOT NULL,
    "bookId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "voidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "voidedById" INTEGER,

    CONSTRAINT "ReceiptVoid_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaperworkSetting" (
    "provinceCode" TEXT NOT NULL,
    "receiptCheck" "ReceiptCheck" NOT NULL DEFAULT 'WARN',
    "remittanceDays" INTEGER NOT NULL DEFAULT 7,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PaperworkSetting_pkey" PRIMARY KEY ("provinceCode")
);

-- CreateTable
CREATE TABLE "Remittance" (
    "id" SERIAL NOT NULL,
    "agentId" INTEGER NOT NULL,
    "provinceCode" TEXT NOT NULL,
    "areaCode" TEXT NOT NULL,
    "remittedOn" DATE NOT NULL,
    "amount" INTEGER NOT NULL,
    "bankReference" TEXT NOT NULL,
    "periodFrom" DATE NOT NULL,
    "periodTo" DATE NOT NULL,
    "note" TEXT,
    "recordedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Remittance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReceiptBook_agentId_idx" ON "ReceiptBook"("agentId");

-- CreateIndex
CREATE INDEX "ReceiptBook_provinceCode_series_idx" ON "ReceiptBook"("provinceCode", "series");

-- CreateIndex
CREATE UNIQUE INDEX "ReceiptVoid_bookId_number_key" ON "ReceiptVoid"("bookId", "number");

-- CreateIndex
CREATE INDEX "Remittance_agentId_remittedOn_idx" ON "Remittance"("agentId", "remittedOn");

-- CreateIndex
CREATE INDEX "Remittance_areaCode_idx" ON "Remittance"("areaCode");

-- AddForeignKey
ALTER TABLE "ReceiptBook" ADD CONSTRAINT "ReceiptBook_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "CollectionAgent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReceiptBook" ADD CONSTRAINT "ReceiptBook_collectorId_fkey" FOREIGN KEY ("collectorId") REFERENCES "Collector"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReceiptVoid" ADD CONSTRAINT "ReceiptVoid_bookId_fkey" FOREIGN KEY ("bookId") REFERENCES "ReceiptBook"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Remittance" ADD CONSTRAINT "Remittance_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "CollectionAgent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-added: ranges and amounts that make sense whoever writes them
ALTER TABLE "ReceiptBook" ADD CONSTRAINT "ReceiptBook_range_check" CHECK ("firstNo" >= 0 AND "firstNo" <= "lastNo" AND "digits" BETWEEN 1 AND 12);
ALTER TABLE "Remittance" ADD CONSTRAINT "Remittance_amount_check" CHECK ("amount" > 0 AND "periodFrom" <= "periodTo");
ALTER TABLE "PaperworkSetting" ADD CONSTRAINT "PaperworkSetting_days_check" CHECK ("remittanceDays" BETWEEN 1 AND 365);

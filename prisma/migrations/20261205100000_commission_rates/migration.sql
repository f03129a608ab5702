-- Agents' commission (thù lao) rates (issue 13 item 5) and the pension requirement of the yearly statement
-- (issue 13 item 7) as a dated policy value. Additive only. The PolicyKind value is used by the next
-- migration (a new enum value cannot be used in the transaction that adds it).
-- AlterEnum
ALTER TYPE "PolicyKind" ADD VALUE 'PENSION_MIN_MONTHS';

-- CreateTable
CREATE TABLE "CommissionRate" (
    "id" SERIAL NOT NULL,
    "agentKind" "AgentKind" NOT NULL,
    "paymentPeriod" "PaymentPeriod",
    "newRateBp" INTEGER NOT NULL,
    "renewalRateBp" INTEGER NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "legalBasis" TEXT,
    "sample" BOOLEAN NOT NULL DEFAULT false,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommissionRate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CommissionRate_agentKind_effectiveFrom_idx" ON "CommissionRate"("agentKind", "effectiveFrom");

-- Hand-added: rates from 0 to 100% (one row per kind, period and date is checked where rows are added)
ALTER TABLE "CommissionRate" ADD CONSTRAINT "CommissionRate_rates_check" CHECK ("newRateBp" BETWEEN 0 AND 10000 AND "renewalRateBp" BETWEEN 0 AND 10000);

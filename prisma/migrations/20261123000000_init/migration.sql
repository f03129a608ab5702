-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "UnitLevel" AS ENUM ('NATION', 'PROVINCE', 'AREA', 'COMMUNE');

-- CreateEnum
CREATE TYPE "CommuneKind" AS ENUM ('XA', 'PHUONG', 'DAC_KHU');

-- CreateEnum
CREATE TYPE "PolicyKind" AS ENUM ('CONTRIBUTION_RATE_BP', 'INCOME_FLOOR_VND', 'REFERENCE_LEVEL_VND', 'CEILING_MULTIPLIER', 'FUND_MONTHLY_INTEREST_PPM', 'SUBSIDY_MAX_MONTHS', 'AGENT_REVIEW_THRESHOLD_BP');

-- CreateEnum
CREATE TYPE "SubsidyGroup" AS ENUM ('POOR', 'NEAR_POOR', 'ISLAND', 'ETHNIC_MINORITY', 'OTHER');

-- CreateEnum
CREATE TYPE "AgentKind" AS ENUM ('POST_OFFICE', 'COMMUNE_COMMITTEE', 'WOMEN_UNION', 'FARMERS_ASSOCIATION', 'FATHERLAND_FRONT', 'VETERANS', 'YOUTH_UNION', 'COOPERATIVE', 'OTHER');

-- CreateEnum
CREATE TYPE "AgentStatus" AS ENUM ('ACTIVE', 'SUSPENDED', 'ENDED');

-- CreateEnum
CREATE TYPE "Sex" AS ENUM ('MALE', 'FEMALE');

-- CreateEnum
CREATE TYPE "OccupationGroup" AS ENUM ('FARMER', 'SELF_EMPLOYED', 'INFORMAL_WORKER', 'HOUSEHOLD_BUSINESS', 'STUDENT', 'OTHER');

-- CreateEnum
CREATE TYPE "PaymentPeriod" AS ENUM ('MONTHLY', 'QUARTERLY', 'SEMIANNUAL', 'ANNUAL', 'ADVANCE', 'BACK_PAYMENT');

-- CreateEnum
CREATE TYPE "PaymentMethod" AS ENUM ('CASH', 'POST_OFFICE', 'BANK_TRANSFER', 'E_WALLET');

-- CreateEnum
CREATE TYPE "CoverageStatus" AS ENUM ('NEVER_PAID', 'ACTIVE', 'DUE', 'OVERDUE', 'LAPSED');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'PROVINCE_OFFICER', 'DISTRICT_STAFF');

-- CreateTable
CREATE TABLE "Unit" (
    "code" TEXT NOT NULL,
    "level" "UnitLevel" NOT NULL,
    "parentCode" TEXT,
    "name" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "nameEn" TEXT,
    "searchName" TEXT NOT NULL,
    "kind" TEXT,
    "communeKind" "CommuneKind",
    "provinceCode" TEXT,
    "areaCode" TEXT,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "LabourForce" (
    "id" SERIAL NOT NULL,
    "unitCode" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "persons" INTEGER NOT NULL,
    "source" TEXT,

    CONSTRAINT "LabourForce_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyParameter" (
    "id" SERIAL NOT NULL,
    "kind" "PolicyKind" NOT NULL,
    "value" INTEGER NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "legalBasis" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyParameter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubsidyTier" (
    "id" SERIAL NOT NULL,
    "group" "SubsidyGroup" NOT NULL,
    "rateBp" INTEGER NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "legalBasis" TEXT,

    CONSTRAINT "SubsidyTier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProvincialTopUp" (
    "id" SERIAL NOT NULL,
    "provinceCode" TEXT NOT NULL,
    "group" "SubsidyGroup" NOT NULL,
    "rateBp" INTEGER NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "legalBasis" TEXT,

    CONSTRAINT "ProvincialTopUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CoverageMilestone" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "shareBp" INTEGER NOT NULL,
    "legalBasis" TEXT,

    CONSTRAINT "CoverageMilestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Target" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "unitCode" TEXT,
    "agentId" INTEGER,
    "provinceCode" TEXT,
    "participants" INTEGER NOT NULL,
    "locked" BOOLEAN NOT NULL DEFAULT false,
    "lockedAt" TIMESTAMP(3),
    "lockedById" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" INTEGER,

    CONSTRAINT "Target_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CollectionAgent" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "searchName" TEXT NOT NULL,
    "kind" "AgentKind" NOT NULL,
    "provinceCode" TEXT NOT NULL,
    "areaCode" TEXT NOT NULL,
    "contractNo" TEXT,
    "contractStart" DATE NOT NULL,
    "contractEnd" DATE,
    "status" "AgentStatus" NOT NULL DEFAULT 'ACTIVE',
    "phone" TEXT,
    "address" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CollectionAgent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgentCommune" (
    "agentId" INTEGER NOT NULL,
    "communeCode" TEXT NOT NULL,

    CONSTRAINT "AgentCommune_pkey" PRIMARY KEY ("agentId","communeCode")
);

-- CreateTable
CREATE TABLE "Collector" (
    "id" SERIAL NOT NULL,
    "agentId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Collector_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutreachConference" (
    "id" SERIAL NOT NULL,
    "heldOn" DATE NOT NULL,
    "communeCode" TEXT NOT NULL,
    "areaCode" TEXT NOT NULL,
    "provinceCode" TEXT NOT NULL,
    "agentId" INTEGER,
    "title" TEXT NOT NULL,
    "attendees" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutreachConference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Enrollee" (
    "id" SERIAL NOT NULL,
    "personalId" TEXT NOT NULL,
    "siCode" TEXT,
    "fullName" TEXT NOT NULL,
    "searchName" TEXT NOT NULL,
    "dateOfBirth" DATE NOT NULL,
    "sex" "Sex" NOT NULL,
    "phone" TEXT,
    "provinceCode" TEXT NOT NULL,
    "areaCode" TEXT NOT NULL,
    "communeCode" TEXT NOT NULL,
    "address" TEXT,
    "occupation" "OccupationGroup" NOT NULL,
    "subsidyGroup" "SubsidyGroup" NOT NULL,
    "declaredIncome" INTEGER NOT NULL,
    "paymentPeriod" "PaymentPeriod" NOT NULL,
    "agentId" INTEGER,
    "conferenceId" INTEGER,
    "enrolledOn" DATE NOT NULL,
    "firstCoveredOn" DATE,
    "coverageEnd" DATE,
    "subsidyMonthsUsed" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Enrollee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contribution" (
    "id" SERIAL NOT NULL,
    "enrolleeId" INTEGER NOT NULL,
    "provinceCode" TEXT NOT NULL,
    "areaCode" TEXT NOT NULL,
    "communeCode" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "months" INTEGER NOT NULL,
    "declaredIncome" INTEGER NOT NULL,
    "paymentPeriod" "PaymentPeriod" NOT NULL,
    "gross" INTEGER NOT NULL,
    "centralSubsidy" INTEGER NOT NULL,
    "provincialTopUp" INTEGER NOT NULL,
    "net" INTEGER NOT NULL,
    "subsidyMonths" INTEGER NOT NULL DEFAULT 0,
    "method" "PaymentMethod" NOT NULL,
    "receiptNo" TEXT NOT NULL,
    "paidOn" DATE NOT NULL,
    "agentId" INTEGER,
    "recordedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Contribution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "login" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "unitCode" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "locale" TEXT NOT NULL DEFAULT 'vi',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "lastLoginAt" TIMESTAMP(3),

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "login" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("login")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" INTEGER,
    "userLogin" TEXT,
    "unitCode" TEXT,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Unit_parentCode_idx" ON "Unit"("parentCode");

-- CreateIndex
CREATE INDEX "Unit_level_provinceCode_idx" ON "Unit"("level", "provinceCode");

-- CreateIndex
CREATE INDEX "Unit_level_areaCode_idx" ON "Unit"("level", "areaCode");

-- CreateIndex
CREATE UNIQUE INDEX "LabourForce_unitCode_year_key" ON "LabourForce"("unitCode", "year");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyParameter_kind_effectiveFrom_key" ON "PolicyParameter"("kind", "effectiveFrom");

-- CreateIndex
CREATE UNIQUE INDEX "SubsidyTier_group_effectiveFrom_key" ON "SubsidyTier"("group", "effectiveFrom");

-- CreateIndex
CREATE UNIQUE INDEX "ProvincialTopUp_provinceCode_group_effectiveFrom_key" ON "ProvincialTopUp"("provinceCode", "group", "effectiveFrom");

-- CreateIndex
CREATE UNIQUE INDEX "CoverageMilestone_year_key" ON "CoverageMilestone"("year");

-- CreateIndex
CREATE INDEX "Target_year_provinceCode_idx" ON "Target"("year", "provinceCode");

-- CreateIndex
CREATE UNIQUE INDEX "Target_year_unitCode_key" ON "Target"("year", "unitCode");

-- CreateIndex
CREATE UNIQUE INDEX "Target_year_agentId_key" ON "Target"("year", "agentId");

-- CreateIndex
CREATE UNIQUE INDEX "CollectionAgent_code_key" ON "CollectionAgent"("code");

-- CreateIndex
CREATE INDEX "CollectionAgent_areaCode_idx" ON "CollectionAgent"("areaCode");

-- CreateIndex
CREATE INDEX "CollectionAgent_provinceCode_idx" ON "CollectionAgent"("provinceCode");

-- CreateIndex
CREATE INDEX "AgentCommune_communeCode_idx" ON "AgentCommune"("communeCode");

-- CreateIndex
CREATE INDEX "Collector_agentId_idx" ON "Collector"("agentId");

-- CreateIndex
CREATE INDEX "OutreachConference_areaCode_heldOn_idx" ON "OutreachConference"("areaCode", "heldOn");

-- CreateIndex
CREATE INDEX "OutreachConference_provinceCode_heldOn_idx" ON "OutreachConference"("provinceCode", "heldOn");

-- CreateIndex
CREATE UNIQUE INDEX "Enrollee_personalId_key" ON "Enrollee"("personalId");

-- CreateIndex
CREATE UNIQUE INDEX "Enrollee_siCode_key" ON "Enrollee"("siCode");

-- CreateIndex
CREATE INDEX "Enrollee_areaCode_searchName_idx" ON "Enrollee"("areaCode", "searchName");

-- CreateIndex
CREATE INDEX "Enrollee_provinceCode_searchName_idx" ON "Enrollee"("provinceCode", "searchName");

-- CreateIndex
CREATE INDEX "Enrollee_communeCode_idx" ON "Enrollee"("communeCode");

-- CreateIndex
CREATE INDEX "Enrollee_agentId_coverageEnd_idx" ON "Enrollee"("agentId", "coverageEnd");

-- CreateIndex
CREATE INDEX "Enrollee_areaCode_coverageEnd_idx" ON "Enrollee"("areaCode", "coverageEnd");

-- CreateIndex
CREATE INDEX "Enrollee_provinceCode_dateOfBirth_searchName_idx" ON "Enrollee"("provinceCode", "dateOfBirth", "searchName");

-- CreateIndex
CREATE INDEX "Enrollee_phone_idx" ON "Enrollee"("phone");

-- CreateIndex
CREATE INDEX "Enrollee_conferenceId_idx" ON "Enrollee"("conferenceId");

-- CreateIndex
CREATE INDEX "Contribution_enrolleeId_periodStart_idx" ON "Contribution"("enrolleeId", "periodStart");

-- CreateIndex
CREATE INDEX "Contribution_communeCode_periodStart_periodEnd_idx" ON "Contribution"("communeCode", "periodStart", "periodEnd");

-- CreateIndex
CREATE INDEX "Contribution_areaCode_periodStart_periodEnd_idx" ON "Contribution"("areaCode", "periodStart", "periodEnd");

-- CreateIndex
CREATE INDEX "Contribution_provinceCode_periodStart_periodEnd_idx" ON "Contribution"("provinceCode", "periodStart", "periodEnd");

-- CreateIndex
CREATE INDEX "Contribution_paidOn_idx" ON "Contribution"("paidOn");

-- CreateIndex
CREATE UNIQUE INDEX "Contribution_agentId_receiptNo_key" ON "Contribution"("agentId", "receiptNo");

-- CreateIndex
CREATE UNIQUE INDEX "User_login_key" ON "User"("login");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE INDEX "AuditLog_entity_entityId_idx" ON "AuditLog"("entity", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_unitCode_at_idx" ON "AuditLog"("unitCode", "at");

-- CreateIndex
CREATE INDEX "AuditLog_userId_at_idx" ON "AuditLog"("userId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_parentCode_fkey" FOREIGN KEY ("parentCode") REFERENCES "Unit"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabourForce" ADD CONSTRAINT "LabourForce_unitCode_fkey" FOREIGN KEY ("unitCode") REFERENCES "Unit"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvincialTopUp" ADD CONSTRAINT "ProvincialTopUp_provinceCode_fkey" FOREIGN KEY ("provinceCode") REFERENCES "Unit"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_unitCode_fkey" FOREIGN KEY ("unitCode") REFERENCES "Unit"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "CollectionAgent"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CollectionAgent" ADD CONSTRAINT "CollectionAgent_provinceCode_fkey" FOREIGN KEY ("provinceCode") REFERENCES "Unit"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgentCommune" ADD CONSTRAINT "AgentCommune_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "CollectionAgent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgentCommune" ADD CONSTRAINT "AgentCommune_communeCode_fkey" FOREIGN KEY ("communeCode") REFERENCES "Unit"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Collector" ADD CONSTRAINT "Collector_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "CollectionAgent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutreachConference" ADD CONSTRAINT "OutreachConference_communeCode_fkey" FOREIGN KEY ("communeCode") REFERENCES "Unit"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutreachConference" ADD CONSTRAINT "OutreachConference_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "CollectionAgent"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrollee" ADD CONSTRAINT "Enrollee_communeCode_fkey" FOREIGN KEY ("communeCode") REFERENCES "Unit"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrollee" ADD CONSTRAINT "Enrollee_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "CollectionAgent"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrollee" ADD CONSTRAINT "Enrollee_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "OutreachConference"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contribution" ADD CONSTRAINT "Contribution_enrolleeId_fkey" FOREIGN KEY ("enrolleeId") REFERENCES "Enrollee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contribution" ADD CONSTRAINT "Contribution_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "CollectionAgent"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contribution" ADD CONSTRAINT "Contribution_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_unitCode_fkey" FOREIGN KEY ("unitCode") REFERENCES "Unit"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- The audit log is append-only: the database itself refuses to change or delete an entry.
CREATE FUNCTION "audit_log_is_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditLog is append-only';
END $$;
CREATE TRIGGER "AuditLog_no_update" BEFORE UPDATE OR DELETE ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_is_append_only"();

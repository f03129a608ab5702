-- Issue 14: the commune code of a record from before the 1 July 2025 reform, kept on the enrollee (optional).
ALTER TABLE "Enrollee" ADD COLUMN "oldCommuneCode" TEXT;

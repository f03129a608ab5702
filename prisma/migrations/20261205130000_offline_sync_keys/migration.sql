-- Offline field entry (issue 12): idempotency keys of the phones' queued writes, with the first result. Additive only.
-- CreateTable
CREATE TABLE "SyncKey" (
    "key" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SyncKey_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "SyncKey_userId_createdAt_idx" ON "SyncKey"("userId", "createdAt");


-- Offline field entry (issue 12): accepted sync keys are deleted after SYNC_KEY_RETENTION_DAYS (default 90),
-- by age. Additive only.
-- CreateIndex
CREATE INDEX "SyncKey_createdAt_idx" ON "SyncKey"("createdAt");

-- Sessions that end (issue 17 item 3): a per-user session version, carried in the session cookie and
-- compared on every request. A trigger bumps it whenever the password, role, unit or active flag
-- changes, whichever code path (app, script, SQL) makes the change; sign-out bumps it explicitly.
ALTER TABLE "User" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;

CREATE FUNCTION "user_session_version_bump"() RETURNS trigger AS $$
BEGIN
  IF NEW."passwordHash" IS DISTINCT FROM OLD."passwordHash" OR NEW."role" IS DISTINCT FROM OLD."role"
     OR NEW."unitCode" IS DISTINCT FROM OLD."unitCode" OR NEW."active" IS DISTINCT FROM OLD."active" THEN
    NEW."sessionVersion" := OLD."sessionVersion" + 1;
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER "User_session_version" BEFORE UPDATE ON "User"
  FOR EACH ROW EXECUTE FUNCTION "user_session_version_bump"();

-- Sign-in throttling per login AND address (issue 17 item 7): failures from one address slow that
-- address only, so nobody can lock another person out. Rows of the old per-login lock are dropped.
DELETE FROM "LoginThrottle";

-- AlterTable
ALTER TABLE "LoginThrottle" DROP CONSTRAINT "LoginThrottle_pkey",
ADD COLUMN     "address" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("login", "address");

-- CreateIndex
CREATE INDEX "LoginThrottle_address_idx" ON "LoginThrottle"("address");

-- CreateIndex
CREATE INDEX "LoginThrottle_updatedAt_idx" ON "LoginThrottle"("updatedAt");

-- The audit log's row trigger refuses UPDATE and DELETE, but TRUNCATE fires no row trigger: refuse it
-- too, with a statement trigger, so no statement can empty the log.
CREATE TRIGGER "AuditLog_no_truncate" BEFORE TRUNCATE ON "AuditLog"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_is_append_only"();

// A refusal by a business rule that is not about one field ("the year is locked", "only a higher admin
// may reopen"): server actions show its message as the form's error (lib/server/http/action.ts), the
// JSON API answers with its status. Field-level failures are ZodErrors instead (lib/validation/form.ts).
export class RuleError extends Error {
  constructor(
    message: string,
    /** HTTP status for the JSON API. */
    public readonly status: 400 | 403 | 409 | 422 = 422,
  ) {
    super(message);
  }
}

// What the enrollment forms' server actions return (plain data, shared by the actions and the forms).
export type EnrollmentFormState = {
  ok: boolean;
  /** Every message per field path ("personalId", "payment.receiptNo"). */
  fieldErrors?: Record<string, string[]>;
  formError?: string;
  /** The enrollee already registered with this ID number, when inside the caller's scope. */
  existingId?: number;
  /** Set when someone with the same name and date of birth exists: the form asks for confirmation. */
  duplicateIds?: number[];
};

export const initialFormState: EnrollmentFormState = { ok: false };

// User accounts: one schema per form, shared by the browser, the server actions and lib/server/auth/users.ts.
// Messages come from the caller's language (Vietnamese by default).
import { z } from "zod";
import { adminVi } from "@/lib/i18n/areas/users";
import { cleanName, hasControlChars } from "@/lib/domain/text";

export type UserText = typeof adminVi.v;

// Mirrors the Role enum of prisma/schema.prisma (client components cannot import the generated client).
export const USER_ROLES = ["ADMIN", "PROVINCE_OFFICER", "DISTRICT_STAFF"] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

/** The password rules; returns the message of the first rule broken, or null. Used by the schemas below. */
export function passwordProblem(password: string, login: string, m: UserText = adminVi.v): string | null {
  if (password.length < PASSWORD_MIN) return m.passwordShort;
  if (password.length > PASSWORD_MAX) return m.passwordLong;
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return m.passwordMix;
  if (login && password.toLowerCase().includes(login.toLowerCase())) return m.passwordLogin;
  if (new Set(password).size <= 2) return m.passwordRepeat;
  return null;
}

const loginField = (m: UserText) =>
  z
    .string({ error: m.login })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, m.login);

const passwordFields = (m: UserText) => ({
  passwordMode: z.enum(["generate", "choose"], { error: m.passwordMode }),
  password: z
    .string()
    .max(1000)
    .optional()
    .transform((v) => v ?? ""),
});

export function userCreateSchema(m: UserText = adminVi.v) {
  return z
    .object({
      login: loginField(m),
      name: z
        .string({ error: m.name })
        .transform(cleanName)
        .pipe(
          z
            .string()
            .min(2, m.name)
            .max(100, m.name)
            .refine((s) => !hasControlChars(s), m.controlChars),
        ),
      role: z.enum(USER_ROLES, { error: m.role }),
      unitCode: z
        .string({ error: m.unit })
        .trim()
        .toUpperCase()
        .regex(/^(VN|\d{2}|\d{3})$/, m.unit),
      ...passwordFields(m),
    })
    .superRefine((v, ctx) => {
      if (v.passwordMode !== "choose") return;
      const problem = passwordProblem(v.password, v.login, m);
      if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    });
}
export type UserCreateInput = z.output<ReturnType<typeof userCreateSchema>>;

/** Reset a password: generated, or chosen by the admin (checked against the user's login by the server). */
export function passwordResetSchema(m: UserText = adminVi.v) {
  return z.object({ id: z.coerce.number().int().positive(), ...passwordFields(m) });
}
export type PasswordResetInput = z.output<ReturnType<typeof passwordResetSchema>>;

export const userActiveSchema = z.object({
  id: z.coerce.number().int().positive(),
  active: z.union([z.boolean(), z.string()]).transform((v) => v === true || v === "true" || v === "1"),
});

export const userFilterShape = {
  q: z.string().trim().max(100),
  role: z.enum(USER_ROLES),
  state: z.enum(["active", "inactive"]),
  page: z.coerce.number().int().min(1).max(100_000),
};
export const userFilterSchema = z.object({
  q: userFilterShape.q.optional(),
  role: userFilterShape.role.optional(),
  state: userFilterShape.state.optional(),
  page: userFilterShape.page.optional(),
});
export type UserFilter = z.output<typeof userFilterSchema>;

/** The list's filters read leniently from the URL: a bad value is dropped. */
export function readUserFilter(sp: Record<string, string | string[] | undefined>): UserFilter {
  const out: Record<string, unknown> = {};
  for (const [k, schema] of Object.entries(userFilterShape)) {
    const raw = Array.isArray(sp[k]) ? sp[k]![0] : sp[k];
    if (raw === undefined || raw === "") continue;
    const r = (schema as z.ZodType).safeParse(raw);
    if (r.success) out[k] = r.data;
  }
  return out as UserFilter;
}

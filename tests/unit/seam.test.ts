// The seam's pure pieces (ADR 1601): the Accept-Language reading, the id parser, the FormData reader and
// what a refusal looks like to a form and to the JSON API.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { localeFromAcceptLanguage } from "@/lib/i18n/locale";
import { idParam } from "@/lib/server/http/params";
import { toFormState } from "@/lib/server/http/action";
import { AuthError } from "@/lib/server/auth/authz";
import { RuleError } from "@/lib/server/errors";
import { messages } from "@/lib/i18n/messages";
import { firstError, readForm } from "@/lib/validation/form";

describe("Accept-Language", () => {
  it("takes the first of our languages by weight", () => {
    expect(localeFromAcceptLanguage("en-US,en;q=0.9,vi;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage("vi-VN,vi;q=0.9,en;q=0.5")).toBe("vi");
    expect(localeFromAcceptLanguage("fr-FR, de;q=0.9, en;q=0.3")).toBe("en");
    expect(localeFromAcceptLanguage("en;q=0.2, vi;q=0.8")).toBe("vi");
    expect(localeFromAcceptLanguage("fr, *;q=0.5")).toBeNull();
    expect(localeFromAcceptLanguage("en;q=0")).toBeNull();
    expect(localeFromAcceptLanguage("")).toBeNull();
    expect(localeFromAcceptLanguage(null)).toBeNull();
  });
});

describe("idParam", () => {
  it("accepts positive int4 ids as strings or numbers, and names nothing otherwise", () => {
    expect(idParam("42")).toBe(42);
    expect(idParam(42)).toBe(42);
    expect(idParam(" 7 ")).toBe(7);
    expect(idParam("2147483647")).toBe(2147483647);
    for (const bad of ["2147483648", "0", "-1", "1.5", "1e3", "abc", "", "0x10", 1.5, -3, NaN, null, undefined, {}, ["1"]])
      expect(idParam(bad), String(bad)).toBe(-1);
  });
});

describe("readForm", () => {
  it("reads strings, arrays for multi fields, and drops Next's own fields and files", () => {
    const fd = new FormData();
    fd.append("name", "Lan");
    fd.append("communeCodes", "00004");
    fd.append("communeCodes", "00007");
    fd.append("$ACTION_ID_abc", "");
    fd.append("file", new Blob(["x"]), "a.txt");
    expect(readForm(fd, ["communeCodes", "agents"])).toEqual({ name: "Lan", communeCodes: ["00004", "00007"], file: "", agents: [] });
  });
});

describe("toFormState: every refusal becomes the form's state", () => {
  const vi = messages.vi;
  it("signed out, forbidden, not found", () => {
    expect(toFormState(new AuthError(401), { locale: "vi" })).toEqual({ ok: false, formError: vi.seam.signedOut });
    expect(toFormState(new AuthError(403), { locale: "vi", values: { a: "1" } })).toEqual({ ok: false, formError: vi.forbidden, values: { a: "1" } });
    expect(toFormState(new AuthError(404), { locale: "en" })).toEqual({ ok: false, formError: messages.en.notFound });
  });
  it("validation: the first message per field, _form also as the form's message, the colliding record's id", () => {
    const e = new z.ZodError([
      { code: "custom", path: ["personalId"], message: "taken", input: undefined, params: { code: "DUPLICATE_PERSONAL_ID", existingId: 9 } },
      { code: "custom", path: ["personalId"], message: "second", input: undefined },
      { code: "custom", path: [], message: "whole", input: undefined },
    ]);
    const s = toFormState(e, { locale: "vi" });
    expect(s).toEqual({ ok: false, fieldErrors: { personalId: "taken", _form: "whole" }, formError: "whole", existingId: 9 });
    expect(firstError({ fieldErrors: { year: "bad" } })).toBe("bad");
  });
  it("a rule failure shows its message; anything else is not a refusal and propagates", () => {
    expect(toFormState(new RuleError("locked", 409), { locale: "vi" })).toEqual({ ok: false, formError: "locked" });
    expect(() => toFormState(new Error("database gone"), { locale: "vi" })).toThrow("database gone");
  });
});

describe("apiFailure: every refusal becomes a JSON error", () => {
  it("a rule failure answers its own status and message (409 conflict); others keep theirs", async () => {
    const { apiFailure } = await import("@/lib/server/http/api");
    const conflict = apiFailure(new RuleError("already in force", 409), "en");
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toEqual({ error: { code: "conflict", message: "already in force" } });
    const invalid = apiFailure(new RuleError("not this way"), "vi");
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toEqual({ error: { code: "invalid", message: "not this way" } });
    expect(apiFailure(new AuthError(404), "vi").status).toBe(404);
  });
});

import type { importsVi } from "@/lib/i18n/areas/imports";

/** The bulk import's interface text (lib/i18n/areas/imports.ts). */
export type ImportText = typeof importsVi;

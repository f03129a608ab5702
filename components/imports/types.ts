import type { enrollmentVi } from "@/lib/i18n/areas/enrollment";

/** The bulk import's interface text (lib/i18n/areas/enrollment.ts, `import`). */
export type ImportText = (typeof enrollmentVi)["import"];

// The unit browser's query (GET /api/v1/units): a parent unit code or a name to search.
import { z } from "zod";

export const unitsQuerySchema = z.object({
  parent: z
    .string()
    .regex(/^[0-9A-Z]{2,5}$/)
    .optional()
    .meta({ description: "unit code (default: the caller's unit)" }),
  q: z.string().max(100).optional().meta({ description: "name to search, diacritics optional, e.g. 'tan hoa'" }),
});

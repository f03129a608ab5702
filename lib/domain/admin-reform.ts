// The 1 July 2025 administrative reform (Resolution 202/2025/QH15, Decision 19/2025/QĐ-TTg): 63
// provinces became 34, districts were abolished and 10,035 communes became 3,321. The app works
// under today's units only; its AREA level is the former district (the same codes), so records
// under the old codes map exactly at area and province level. An old commune maps to a new one only
// by an exact name within its former district (resolveOldCommune); never by guess.

/** The first day under the new units. */
export const REFORM_DATE = "2025-07-01";

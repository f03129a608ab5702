// OpenAPI 3 paths for the dashboard part of the JSON API v1 (merged in lib/openapi/index.ts).
import type { PathsObject } from "./types";

export const dashboardPaths: PathsObject = {};

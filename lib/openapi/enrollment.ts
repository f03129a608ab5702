// OpenAPI 3 paths for the enrollment part of the JSON API v1 (merged in lib/openapi/index.ts).
import type { PathsObject } from "./types";

export const enrollmentPaths: PathsObject = {};

// The admin part of the JSON API v1.
import { operation } from "./registry";
import { usersResponse } from "./responses";
import { userFilterSchema } from "@/lib/validation/user";

export const adminOperations = [
  operation({
    method: "get",
    path: "/users",
    tag: "admin",
    query: userFilterSchema,
    summary: "The user accounts of the caller's scope (administrators only); never returns password hashes",
    responses: { 200: { description: "OK (50 per page)", schema: usersResponse } },
    errors: { 400: "Invalid filter", 403: "Not an administrator" },
  }),
];

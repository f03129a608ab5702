// Just enough OpenAPI 3 typing to keep the document well-formed without a dependency.
export type SchemaObject = Record<string, unknown>;
export type OperationObject = {
  summary: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: "query" | "path" | "header"; required?: boolean; schema: SchemaObject; description?: string }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: SchemaObject }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: SchemaObject }> }>;
};
export type PathsObject = Record<string, Partial<Record<"get" | "post" | "put" | "patch" | "delete", OperationObject>>>;

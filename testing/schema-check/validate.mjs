// TEST ONLY. Validates JSON documents against provision's JSON Schemas with ajv (draft 2020-12),
// an implementation independent of the engine's networknt validator.
// Usage: node validate.mjs <schema.json>... < requests
// Each stdin line is {"schema": "<$id of a given schema>", "name": "...", "doc": <document>};
// each output line is {"name": "...", "valid": true|false, "errors": ["<path> <message>", ...]}.
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import Ajv2020 from "ajv/dist/2020.js";

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
// The plan schemas' one format (RFC 3339 date-time, as Instant.toString writes it); defined here
// rather than by another package.
ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
for (const file of process.argv.slice(2)) {
  ajv.addSchema(JSON.parse(readFileSync(file, "utf8")));
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() === "") continue;
  const request = JSON.parse(line);
  const validate = ajv.getSchema(request.schema);
  if (!validate) {
    throw new Error("no schema with $id " + request.schema);
  }
  const valid = validate(request.doc);
  const errors = (validate.errors || []).map((e) => (e.instancePath || "/") + " " + e.message);
  process.stdout.write(JSON.stringify({ name: request.name, valid, errors }) + "\n");
}

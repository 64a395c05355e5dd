import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';

/**
 * validateReportJson checks a parsed `--json` report against docs/report.schema.json. Exported so
 * that tests of the real probe can validate their outputs too.
 */
export interface SchemaCheck {
  readonly valid: boolean;
  /** One line per problem: `<instance path> <message>`. */
  readonly errors: readonly string[];
}

const schema: unknown = JSON.parse(
  readFileSync(new URL('../../docs/report.schema.json', import.meta.url), 'utf8'),
);

/** ISO 8601 / RFC 3339 date-time, as Date.prototype.toISOString writes it (and with offsets). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

const ajv = new Ajv2020({ strict: true, allErrors: true });
ajv.addFormat('date-time', DATE_TIME);
const validate = ajv.compile(schema as object);

export function validateReportJson(value: unknown): SchemaCheck {
  const valid = validate(value);
  const errors = (validate.errors ?? []).map((error) =>
    `${error.instancePath || '/'} ${error.message ?? ''}`.trim(),
  );
  return { valid: valid === true, errors };
}

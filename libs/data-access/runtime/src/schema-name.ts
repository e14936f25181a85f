const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

/** Throws unless `schema` is a plain lower-case identifier, safe to write into SQL as a quoted name. */
export function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid schema name ${JSON.stringify(schema)}`);
}

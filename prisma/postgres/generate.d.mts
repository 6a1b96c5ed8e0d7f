export const SOURCE_SCHEMA: string;
export const PG_SCHEMA: string;
export function derivePostgresSchema(sqliteSchema: string): string;
export function writePostgresSchema(): string;

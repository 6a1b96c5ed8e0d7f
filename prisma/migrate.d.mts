export const DEFAULT_DATABASE_URL: string;
export function sqliteFilePath(url: string): string;
export function deploy(url?: string): Promise<string[]>;
/** SQL that would bring the database at `url` to the schema; empty (or a comment) when they match. */
export function diff(url: string, options?: { fromEmpty?: boolean }): Promise<string>;
export function dev(name: string, url: string): Promise<void>;

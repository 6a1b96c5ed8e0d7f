export const DEFAULT_DATABASE_URL: string;
export function sqliteFilePath(url: string): string;
export function deploy(url?: string): Promise<string[]>;

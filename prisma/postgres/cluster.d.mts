export interface TempCluster {
  port: number;
  /** URL of the "postgres" database, as the cluster's superuser. */
  adminUrl: string;
  urlFor(db: string): string;
  createDatabase(name: string): Promise<string>;
  log(): string;
  stop(): Promise<void>;
}
export function findPgBin(dirs?: string[]): string;
export function startTempCluster(options?: { prefix?: string }): Promise<TempCluster>;
export function createDatabase(adminUrl: string, name: string): Promise<string>;
export function dropDatabase(adminUrl: string, name: string): Promise<void>;

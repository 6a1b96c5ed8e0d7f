import "server-only";
import path from "node:path";
import { databaseFilePath, getEnv } from "@/lib/env";
import { backupDatabase } from "./backup";

// npm run backup [-- <destination file>]   (default: data/backups/edgescope-<UTC time>.db)
const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "").replace("T", "-");
const source = databaseFilePath(getEnv());
const dest = path.resolve(process.argv[2] ?? path.join(path.dirname(source), "backups", `edgescope-${stamp}.db`));
try {
  const { file, bytes } = await backupDatabase(source, dest);
  console.log(`Backup written: ${file} (${(bytes / 1024 / 1024).toFixed(1)} MB)`);
} catch (err) {
  console.error(`Backup failed: ${(err as Error).message}`);
  process.exit(1);
}

import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/**
 * A consistent copy through SQLite's online backup API: pages are copied while the server keeps
 * writing, and the copy is a snapshot of one moment.
 */
export async function backupDatabase(sourceFile: string, destFile: string): Promise<{ file: string; bytes: number }> {
  if (!fs.existsSync(sourceFile)) throw new Error(`No database at ${sourceFile}`);
  fs.mkdirSync(path.dirname(destFile), { recursive: true });
  const db = new Database(sourceFile, { readonly: true, fileMustExist: true });
  try {
    await db.backup(destFile);
  } finally {
    db.close();
  }
  return { file: destFile, bytes: fs.statSync(destFile).size };
}

import "server-only";
import { settingsSchema, type Settings } from "@/lib/domain/settings";
import type { Db } from "@/lib/server/db/client";

/** Stored values over defaults; a stored value that no longer validates falls back to its default. */
export async function getSettings(db: Db): Promise<Settings> {
  const rows = await db.setting.findMany();
  const raw: Record<string, unknown> = {};
  for (const r of rows) {
    try {
      raw[r.key] = JSON.parse(r.value);
    } catch {
      /* ignore a corrupt row: its default applies */
    }
  }
  const parsed = settingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : settingsSchema.parse({});
}

export async function updateSettings(db: Db, patch: Partial<Settings>): Promise<Settings> {
  const next = settingsSchema.parse({ ...(await getSettings(db)), ...patch });
  await db.$transaction(
    Object.entries(next).map(([key, value]) =>
      db.setting.upsert({
        where: { key },
        create: { key, value: JSON.stringify(value) },
        update: { value: JSON.stringify(value) },
      }),
    ),
  );
  return next;
}

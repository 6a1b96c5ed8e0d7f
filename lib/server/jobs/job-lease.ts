import "server-only";
import type { Db } from "@/lib/server/db/client";

/**
 * Takes or renews the lease of a singleton job (table job_lease) for `ms`. True while this
 * instance holds it: an expired lease of a dead instance is taken over, a live one is not.
 * One conditional UPDATE (or INSERT) decides, so two instances can never both win.
 */
export async function holdJobLease(
  db: Db,
  name: string,
  holder: string,
  ms: number,
  now = new Date(),
): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ms);
  const { count } = await db.jobLease.updateMany({
    where: { name, OR: [{ holder }, { expiresAt: { lt: now } }] },
    data: { holder, expiresAt },
  });
  if (count) return true;
  try {
    await db.jobLease.create({ data: { name, holder, expiresAt } });
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") return false; // someone else holds it
    throw err;
  }
}

// A sender instance in its own process, for crash and multi-instance tests:
//   tsx --conditions=react-server tests/support/alert-sender-child.ts <DATABASE_URL> <key hex> <holder> <leaseMs>
// It runs the outbox sender every 50 ms, as a server's alert-sender job does, until killed.
import { sendDueMessages } from "@/lib/server/alerts/sender";
import { parseKey, SecretBox } from "@/lib/server/crypto/secret-box";
import { createDb } from "@/lib/server/db/client";

const [url, key, holder, leaseMs] = process.argv.slice(2);
const db = createDb(url!);
const box = new SecretBox(parseKey(key!));
process.stdout.write("ready\n");
for (;;) {
  try {
    await sendDueMessages({
      db,
      box,
      holder: holder!,
      leaseMs: Number(leaseMs),
      ctx: { webexApiUrl: "http://127.0.0.1:9" },
    });
  } catch (err) {
    process.stderr.write(`sender pass failed: ${(err as Error).message}\n`);
  }
  await new Promise((r) => setTimeout(r, 50));
}

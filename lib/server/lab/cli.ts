import "server-only";
import path from "node:path";
import { FAULTS } from "./faults";
import { startLab } from "./lab";

// npm run lab                         start the lab (control API on EDGESCOPE_LAB_PORT, default 4470)
// npm run lab -- fault <name> [node]  switch a fault on (every node when no node is given)
// npm run lab -- clear [name]         switch faults off
// npm run lab -- status | faults      show the lab state | list the faults
// npm run lab -- notifications        the alert messages the lab's receiver got (the demo's webhook channel)

const port = Number(process.env.EDGESCOPE_LAB_PORT ?? 4470);
const control = process.env.EDGESCOPE_LAB_CONTROL ?? `http://127.0.0.1:${port}`;

async function call(method: string, route: string, body?: unknown): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`${control}${route}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    console.error(`The lab is not running at ${control}. Start it with "npm run lab" (or "npm run demo").`);
    process.exit(1);
  }
  const json = (await res.json()) as Record<string, unknown>;
  console.log(JSON.stringify(json, null, 2));
  if (!res.ok) process.exit(1);
}

const [cmd, arg1, arg2] = process.argv.slice(2);
if (!cmd || cmd === "start") {
  const lab = await startLab({ basePort: port, stateDir: path.resolve("data/lab") });
  console.log(`Lab control API: ${lab.controlUrl}`);
  for (const n of lab.nodes)
    console.log(
      `  ${n.key.padEnd(7)} ${n.role.padEnd(13)} ${n.url}${n.turn ? `   TURN ${n.turn.server} (UDP+TCP)` : ""}`,
    );
  console.log(
    `  DNS     inside ${lab.dns.inside}   outside ${lab.dns.outside}   (UDP+TCP; the deployment's inside/outside resolver)`,
  );
  const turn = lab.nodes.find((n) => n.turn)?.turn;
  console.log(`Credentials: ${lab.nodes[0]?.username} / ${lab.nodes[0]?.password}   CA: data/lab/lab-identity.json`);
  if (turn) console.log(`TURN credentials: ${turn.username} / ${turn.password}   realm ${turn.realm}`);
  const stop = () => void lab.stop().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} else if (cmd === "fault" && arg1) {
  await call("POST", "/faults", { name: arg1, node: arg2 ?? null });
} else if (cmd === "clear") {
  await call("DELETE", arg1 ? `/faults/${arg1}` : "/faults");
} else if (cmd === "notifications") {
  await call("GET", "/notifications");
} else if (cmd === "status") {
  await call("GET", "/state");
} else if (cmd === "faults") {
  for (const [name, f] of Object.entries(FAULTS)) {
    const about = "about" in f ? ` [${f.about.join("|")}]` : "";
    console.log(`${name.padEnd(34)} ${f.kind.padEnd(10)} ${f.description}${about}`);
  }
} else {
  console.error("usage: npm run lab [-- start | fault <name> [node] | clear [name] | status | faults | notifications]");
  process.exit(2);
}

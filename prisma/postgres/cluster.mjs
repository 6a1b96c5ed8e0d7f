// A throwaway PostgreSQL cluster on loopback: initdb in a temp folder, postgres on a free port,
// password auth. The PostgreSQL tests and `npm run db:new-migration:pg` use it, so neither
// needs a server set up by hand, only the server binaries (Debian: apt-get install -y postgresql).
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const INSTALL_HINT =
  "install the PostgreSQL server (Debian: apt-get install -y postgresql) or set EDGESCOPE_PG_BIN to the folder holding initdb and pg_ctl";
/** Test data is disposable: no fsync makes initdb and every commit several times faster. */
const TEST_SETTINGS = ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"];

/** Where to look for initdb and pg_ctl: EDGESCOPE_PG_BIN, then Debian's versions newest first, then PATH. */
function searchDirs() {
  const dirs = [];
  if (process.env.EDGESCOPE_PG_BIN) dirs.push(process.env.EDGESCOPE_PG_BIN);
  const debian = "/usr/lib/postgresql";
  if (fs.existsSync(debian)) {
    const versions = fs
      .readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    dirs.push(...versions.map((v) => path.join(debian, v, "bin")));
  }
  dirs.push(...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean));
  return dirs;
}

/** The first folder holding both initdb and pg_ctl; throws with an install hint when there is none. */
export function findPgBin(dirs = searchDirs()) {
  const found = dirs.find((dir) => fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl")));
  if (!found) throw new Error(`PostgreSQL server binaries (initdb, pg_ctl) not found: ${INSTALL_HINT}`);
  return found;
}

/** postgres refuses to run as root: as root, run it as the "postgres" account Debian's package creates. */
function runAs() {
  if (process.getuid?.() !== 0) return { wrap: (cmd, args) => [cmd, args], chown: () => undefined };
  let uid;
  let gid;
  try {
    uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }));
    gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }));
  } catch {
    throw new Error(`running as root needs a "postgres" account to run the server: ${INSTALL_HINT}`);
  }
  return {
    wrap: (cmd, args) => ["runuser", ["-u", "postgres", "--", cmd, ...args]],
    chown: (p) => fs.chownSync(p, uid, gid),
  };
}

async function withAdmin(adminUrl, sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates an empty database next to the one `adminUrl` names; returns its URL. */
export async function createDatabase(adminUrl, name) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
  await withAdmin(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a database made by createDatabase, even while clients are still connected. */
export async function dropDatabase(adminUrl, name) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
  await withAdmin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/**
 * Starts a cluster; returns { adminUrl, urlFor(db), createDatabase(name), stop() }. The caller
 * must stop it; a process exit stops it too, so a crashed test run leaves no server behind.
 */
export async function startTempCluster({ prefix = "edgescope-pg-" } = {}) {
  const bin = findPgBin();
  const { wrap, chown } = runAs();
  const run = (tool, args) => {
    const [cmd, full] = wrap(path.join(bin, tool), args);
    return execFileSync(cmd, full, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const data = path.join(dir, "data");
  const password = crypto.randomBytes(18).toString("hex");
  fs.writeFileSync(path.join(dir, "pw"), password);
  chown(dir);
  chown(path.join(dir, "pw"));
  const describe = (err) =>
    `${err.message}\n${err.stderr ?? ""}${fs.existsSync(path.join(dir, "log")) ? fs.readFileSync(path.join(dir, "log"), "utf8").slice(-3000) : ""}`;
  try {
    run("initdb", [
      "-D",
      data,
      "-U",
      "edgescope",
      "--auth=scram-sha-256",
      `--pwfile=${path.join(dir, "pw")}`,
      "-E",
      "UTF8",
      "--locale=C",
      "--no-sync",
    ]);
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${describe(err)}`);
  }

  let port;
  const failures = [];
  // A port found free can be taken before postgres binds it: retry on another one.
  for (let attempt = 0; attempt < 3 && !port; attempt++) {
    const candidate = await freePort();
    const opts = [
      "-p",
      String(candidate),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      `unix_socket_directories=${dir}`,
      ...TEST_SETTINGS,
    ].join(" ");
    try {
      run("pg_ctl", ["-D", data, "-l", path.join(dir, "log"), "-w", "-t", "60", "-o", opts, "start"]);
      port = candidate;
    } catch (err) {
      failures.push(describe(err));
    }
  }
  if (!port) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`postgres did not start:\n${failures.join("\n")}`);
  }

  let stopped = false;
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    try {
      run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
    } catch {
      // already gone
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", stopSync);

  const urlFor = (db) => `postgresql://edgescope:${password}@127.0.0.1:${port}/${db}`;
  return {
    port,
    adminUrl: urlFor("postgres"),
    urlFor,
    /** Creates an empty database and returns its URL. */
    createDatabase: (name) => createDatabase(urlFor("postgres"), name),
    log: () => fs.readFileSync(path.join(dir, "log"), "utf8"),
    async stop() {
      process.removeListener("exit", stopSync);
      stopSync();
    },
  };
}

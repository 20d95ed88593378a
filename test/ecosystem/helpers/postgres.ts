import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port.js";
import { missingSetup } from "./setup-hint.js";

export interface PostgresServer {
  /** `postgres://toolforge@127.0.0.1:PORT/postgres` */
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

/** Directory holding `initdb` and `pg_ctl` (Debian keeps them out of PATH). */
function postgresBinDir(): string {
  const fromConfig = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  const candidates = [fromConfig.status === 0 ? fromConfig.stdout.trim() : ""];
  if (existsSync("/usr/lib/postgresql")) {
    for (const version of readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a))) candidates.push(`/usr/lib/postgresql/${version}/bin`);
  }
  const found = candidates.find((dir) => dir && existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl")));
  if (!found) throw missingSetup("PostgreSQL (initdb / pg_ctl)");
  return found;
}

/**
 * Starts a throw-away PostgreSQL server: its own data directory under the
 * temp dir, loopback only, an ephemeral port, trust auth for user
 * `toolforge`. PostgreSQL refuses to run as root, so as root it runs as the
 * `postgres` system user (created by the Debian package).
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const dataDir = mkdtempSync(join(tmpdir(), "toolforge-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dataDir, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", join(bin, tool), ...args]] : [join(bin, tool), args];
    const out = spawnSync(cmd, argv as string[], { encoding: "utf8", cwd: dataDir, timeout: 300_000 });
    if (out.status !== 0) throw new Error(`${tool} ${args.join(" ")} failed (${out.status}):\n${out.stdout}\n${out.stderr}`);
  };
  const pgData = join(dataDir, "data");
  run("initdb", ["-D", pgData, "-U", "toolforge", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const port = await freePort();
  const options = `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  run("pg_ctl", ["-D", pgData, "-o", options, "-l", join(dataDir, "server.log"), "-w", "-t", "60", "start"]);
  let stopped = false;
  return {
    url: `postgres://toolforge@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      try {
        run("pg_ctl", ["-D", pgData, "-m", "fast", "-w", "stop"]);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

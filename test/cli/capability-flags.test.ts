import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeGaiaFixture } from "../capabilities/fixture-gaia.js";
import { runBin } from "./run-bin.js";

// Capability flags and GAIA sources: bad input exits 2, names what and where, writes nothing.
let dir: string;
const env = { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: "http://127.0.0.1:9/v1" };
const fetching = {
  format: "toolforge.toolset",
  version: 1,
  functions: [{ name: "get", description: "Fetch a page.", parameters: { type: "object", properties: { url: { type: "string" } } }, code: "async function get({ url }) { return (await fetch(url)).text; }", packages: [], capabilities: ["fetch"] }],
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tf-capflags-"));
  await writeGaiaFixture(join(dir, "gaia"));
  await writeGaiaFixture(join(dir, "gaia-missing"), [{ task_id: "m", Question: "q", Level: 1, "Final answer": "1", file_name: "gone.pdf" }]);
  mkdirSync(join(dir, "empty"));
  writeFileSync(join(dir, "fetching.toolset.json"), JSON.stringify(fetching));
  writeFileSync(join(dir, "no-tools.mjs"), "export const nothing = 1;\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("capability and GAIA flags", () => {
  it.each([
    [["--allow-net", "https://example.org/path"], /option net\.allow\[0\]: "https:\/\/example\.org\/path": write a host name without a scheme/],
    [["--allow-net", "ok.org,bad host"], /option net\.allow\[1\]/],
    [["--allow-method", "get"], /option net\.methods: must be upper-case HTTP method names/],
    [["--levels", "1,4"], /--levels: "4" is not a GAIA level/],
    [["--tools-module", "NO_TOOLS"], /--tools-module: .*no-tools\.mjs exports neither `search` nor `tools`/],
  ])("train %j exits 2 and writes nothing", async (extra, message) => {
    const out = join(dir, `run-${Math.random().toString(36).slice(2)}`);
    const args = extra.map((a) => (a === "NO_TOOLS" ? join(dir, "no-tools.mjs") : a));
    const r = await runBin(["train", "--data", `gaia:${join(dir, "gaia")}`, "--model", "openai:m", "--out", out, ...args], { env });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it("names a GAIA folder without metadata.jsonl and a missing attachment", async () => {
    const out = join(dir, "run-gaia");
    const a = await runBin(["train", "--data", `gaia:${join(dir, "empty")}`, "--model", "openai:m", "--out", out], { env });
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/empty: no metadata\.jsonl in this GAIA folder/);
    const b = await runBin(["train", "--data", `gaia:${join(dir, "gaia-missing")}@train`, "--model", "openai:m", "--out", out], { env });
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/metadata\.jsonl:6: attachment "gone\.pdf" is missing/);
    expect(existsSync(out)).toBe(false);
  });

  it("refuses to evaluate a toolset whose functions need capabilities the flags do not grant", async () => {
    const r = await runBin(["eval", "--toolset", join(dir, "fetching.toolset.json"), "--data", `gaia:${join(dir, "gaia")}`, "--model", "openai:m", "--parse"], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/fetching\.toolset\.json: function "get" needs fetch, which this run's capability policy does not grant \(granted: parse\)/);
  });
});

import { mkdtemp, mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tool } from "@langchain/core/tools";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createCapabilities, type CapabilityPolicy, type CapabilityRuntime } from "../../src/capabilities/index.js";
import { emitTools, validateFunctionSpec, FunctionSpecError, type FunctionSpec } from "../../src/functions/index.js";
import { createSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { startFixtureWeb } from "../capabilities/fixture-web.js";

// The hostile-code battery for capabilities: every attack is refused or
// contained with a typed error, and the next call still works. No test
// opens a connection to anything but the loopback fixture server: DNS is
// injected, and the connect hook records (and refuses) any other address.
let sandbox: Sandbox;
let web: Awaited<ReturnType<typeof startFixtureWeb>>;
let files: string;
const violations: string[] = [];
const DNS: Record<string, string[]> = {
  "intranet.test": ["10.0.0.7"],
  "metadata.test": ["169.254.169.254"],
  "loopname.test": ["127.0.0.1"],
  "mixed.test": ["93.184.216.34", "127.0.0.1"],
  "v6.test": ["::ffff:127.0.0.1"],
};

function policy(extra: Partial<CapabilityPolicy> = {}, net: Partial<CapabilityPolicy["net"]> = {}): CapabilityPolicy {
  return {
    net: {
      allow: [web.host, "intranet.test", "metadata.test", "loopname.test", "mixed.test", "v6.test"],
      maxResponseBytes: 32 * 1024,
      timeoutMs: 5_000,
      resolve: async (name) => {
        const answers = DNS[name];
        if (!answers) throw new Error(`ENOTFOUND ${name}`);
        return answers.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
      },
      beforeConnect: (address) => {
        if (address !== "127.0.0.1") {
          violations.push(address);
          throw new Error(`test refused a connection to ${address}`);
        }
      },
      ...net,
    },
    parse: true,
    attachments: true,
    ...extra,
  };
}

beforeAll(async () => {
  // Generous: calls that must succeed may wait seconds for a core on a loaded machine;
  // the tests about time limits set their own short ones.
  sandbox = await createSandbox({ workers: 1, timeoutMs: 30_000 });
  web = await startFixtureWeb();
  files = await mkdtemp(join(tmpdir(), "tf-attach-"));
  await mkdir(join(files, "task"));
  await writeFile(join(files, "task", "notes.txt"), "the task's own file");
  await writeFile(join(files, "secret.txt"), "outside the task");
  await symlink(join(files, "secret.txt"), join(files, "task", "link.txt"));
});
afterAll(async () => {
  await sandbox?.close();
  await web?.close();
  if (files) await rm(files, { recursive: true, force: true });
  expect(violations).toEqual([]);
});

const CATCH = `catch (e) { return "refused " + e.name + " " + e.code + " " + e.message; }`;

function spec(name: string, code: string, capabilities: string[]): FunctionSpec {
  return validateFunctionSpec({ name, description: `hostile ${name}`, parameters: { type: "object", properties: {} }, code, capabilities });
}

async function call(fn: FunctionSpec | FunctionSpec[], runtime: CapabilityRuntime | undefined, opts: { timeoutMs?: number; attachments?: { dir: string; names: string[] } } = {}) {
  const list = Array.isArray(fn) ? fn : [fn];
  const [first] = emitTools(list, { sandbox, ...(runtime ? { capabilities: runtime } : {}), ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) });
  const message = await first!.invoke(
    { type: "tool_call", id: "1", name: list[0]!.name, args: {} },
    opts.attachments ? { configurable: { toolforge_attachments: opts.attachments } } : {},
  );
  return { content: String(message.content), artifact: message.artifact as { ok: boolean; error?: { kind: string }; capabilities?: { calls: number; refused: number } } };
}

const fetchOf = (url: string, init = "{}") => spec("attack", `async function attack() { try { const r = await fetch(${JSON.stringify(url)}, ${init}); return "status " + r.status + " " + (r.text ?? "").length; } ${CATCH} }`, ["fetch"]);

/** After every attack the same runtime must still fetch the fixture page. */
async function stillWorks(runtime: CapabilityRuntime): Promise<void> {
  const probe = spec("probe", `async function probe() { const r = await fetch(${JSON.stringify(`${web.origin}/moons.html`)}); const t = await parse.tables(r); return t[0].rows[1][1]; }`, ["fetch", "parse"]);
  expect((await call(probe, runtime)).content).toBe("95");
}

describe("hostile capability use", () => {
  it("refuses the cloud metadata address when it is not on the allow-list", async () => {
    const rt = createCapabilities(policy());
    expect((await call(fetchOf("http://169.254.169.254/latest/meta-data/"), rt)).content).toMatch(/^refused CapabilityError E_CAP_HOST_NOT_ALLOWED fetch: 169\.254\.169\.254 is not on the allow-list/);
    await stillWorks(rt);
  });

  it("refuses an allowed name that resolves to the metadata address (checked after DNS)", async () => {
    const rt = createCapabilities(policy());
    expect((await call(fetchOf("http://metadata.test/latest/"), rt)).content).toMatch(/E_CAP_ADDRESS_FORBIDDEN .*169\.254\.169\.254, a link-local \(cloud metadata\) address/);
    await stillWorks(rt);
  });

  it("refuses a public-looking name that resolves to a private address", async () => {
    const rt = createCapabilities(policy());
    expect((await call(fetchOf("http://intranet.test/"), rt)).content).toMatch(/E_CAP_ADDRESS_FORBIDDEN .*10\.0\.0\.7, a private address/);
  });

  it("refuses a name resolving to loopback unless the address itself is allowed, including IPv4-mapped IPv6", async () => {
    const rt = createCapabilities(policy());
    expect((await call(fetchOf("http://loopname.test/"), rt)).content).toMatch(/E_CAP_ADDRESS_FORBIDDEN .*loopback/);
    expect((await call(fetchOf("http://v6.test/"), rt)).content).toMatch(/E_CAP_ADDRESS_FORBIDDEN .*loopback/);
  });

  it("refuses a name when any of its addresses is private (no rebinding by answer order)", async () => {
    const rt = createCapabilities(policy());
    expect((await call(fetchOf("http://mixed.test/"), rt)).content).toMatch(/E_CAP_ADDRESS_FORBIDDEN .*127\.0\.0\.1/);
  });

  it("re-checks every redirect: to a forbidden host, to a name with a private address, and loops", async () => {
    const rt = createCapabilities(policy({}, { maxRedirects: 3 }));
    expect((await call(fetchOf(`${web.origin}/go-out`), rt)).content).toMatch(/E_CAP_HOST_NOT_ALLOWED .*169\.254\.169\.254/);
    expect((await call(fetchOf(`${web.origin}/go-private-name`), rt)).content).toMatch(/E_CAP_ADDRESS_FORBIDDEN .*10\.0\.0\.7/);
    expect((await call(fetchOf(`${web.origin}/loop`), rt)).content).toMatch(/E_CAP_REDIRECTS fetch: more than 3 redirects/);
    expect(web.hits.get("/loop")).toBe(4);
    expect((await call(fetchOf(`${web.origin}/go-moons`), rt)).content).toMatch(/^status 200 /);
  });

  it("cuts off an oversized response and a never-ending one at maxResponseBytes", async () => {
    const rt = createCapabilities(policy());
    expect((await call(fetchOf(`${web.origin}/big`), rt)).content).toMatch(/E_CAP_TOO_LARGE .*larger than 32768 bytes/);
    expect((await call(fetchOf(`${web.origin}/endless`), rt)).content).toMatch(/E_CAP_TOO_LARGE/);
    await stillWorks(rt);
  });

  it("gives up on a slow server after the request timeout", async () => {
    const rt = createCapabilities(policy({}, { timeoutMs: 200 }));
    expect((await call(fetchOf(`${web.origin}/slow`), rt)).content).toMatch(/E_CAP_TIMEOUT .*longer than 200 ms/);
    await stillWorks(rt);
  });

  it("refuses header injection and host-controlled headers", async () => {
    const rt = createCapabilities(policy());
    expect((await call(fetchOf(`${web.origin}/headers`, `{ headers: { "x-a": "1\\r\\nHost: evil" } }`), rt)).content).toMatch(/E_CAP_HEADER .*without CR, LF or NUL/);
    expect((await call(fetchOf(`${web.origin}/headers`, `{ headers: { "Host": "169.254.169.254" } }`), rt)).content).toMatch(/E_CAP_HEADER .*Host is set by the host/);
    expect((await call(fetchOf(`${web.origin}/headers`, `{ headers: { "bad header": "x" } }`), rt)).content).toMatch(/E_CAP_HEADER .*not a valid HTTP token/);
  });

  it("refuses a method the policy does not allow, before any request", async () => {
    const rt = createCapabilities(policy());
    expect((await call(fetchOf(`${web.origin}/post`, `{ method: "POST", body: "x" }`), rt)).content).toMatch(/E_CAP_METHOD fetch: method POST is not allowed .*GET, HEAD/);
    expect(web.hits.get("/post")).toBeUndefined();
    const permissive = createCapabilities(policy({}, { methods: ["GET", "POST"] }));
    expect((await call(fetchOf(`${web.origin}/post`, `{ method: "POST", body: "x" }`), permissive)).content).toBe("status 200 11");
  });

  it("confines readAttachment to the task's own files: no traversal, no absolute path, no symlink out", async () => {
    const rt = createCapabilities(policy());
    const attachments = { dir: join(files, "task"), names: ["notes.txt", "link.txt"] };
    const read = (name: string) => spec("reader", `async function reader() { try { return (await readAttachment(${JSON.stringify(name)})).text; } ${CATCH} }`, ["readAttachment"]);
    expect((await call(read("../secret.txt"), rt, { attachments })).content).toMatch(/E_CAP_ATTACHMENT .*not a plain file name/);
    expect((await call(read(join(files, "secret.txt")), rt, { attachments })).content).toMatch(/E_CAP_ATTACHMENT .*not a plain file name/);
    expect((await call(read("secret.txt"), rt, { attachments })).content).toMatch(/E_CAP_ATTACHMENT .*not a file of this task/);
    expect((await call(read("link.txt"), rt, { attachments })).content).toMatch(/E_CAP_ATTACHMENT .*outside the task's folder/);
    expect((await call(read("notes.txt"), rt, { attachments })).content).toBe("the task's own file");
  });

  it("stops capability use once the function's time limit is spent", async () => {
    const rt = createCapabilities(policy());
    const late = spec("late", `async function late() { const end = Date.now() + 400; while (Date.now() < end) {} try { await fetch(${JSON.stringify(`${web.origin}/moons.html`)}); return "fetched late"; } ${CATCH} }`, ["fetch"]);
    const r = await call(late, rt, { timeoutMs: 300 });
    expect(r.artifact.ok).toBe(false);
    expect(r.artifact.error?.kind).toBe("timeout");
    const hits = web.hits.get("/moons.html") ?? 0;
    const slow = spec("slowcall", `async function slowcall() { try { await fetch(${JSON.stringify(`${web.origin}/slow`)}); return "no"; } ${CATCH} }`, ["fetch"]);
    const cut = await call(slow, rt, { timeoutMs: 300 });
    expect(cut.content).toMatch(/timeout|E_CAP_TIMEOUT/);
    expect(web.hits.get("/moons.html") ?? 0).toBe(hits);
    await stillWorks(rt);
  });

  it("caps a flood of capability calls per function call and the run's request budget", async () => {
    const rt = createCapabilities(policy({ maxCallsPerInvocation: 20 }, { maxRequests: 1000 }));
    const flood = spec("flood", `async function flood() { let n = 0; try { for (;;) { await parse.csv("a,b"); n++; } } catch (e) { return n + " " + e.code; } }`, ["parse"]);
    const r = await call(flood, rt);
    expect(r.content).toBe("20 E_CAP_BUDGET");
    expect(r.artifact.capabilities).toMatchObject({ calls: 21, refused: 1 });
    const small = createCapabilities(policy({}, { maxRequests: 2 }));
    const many = spec("many", `async function many() { let n = 0; try { for (let i = 0; i < 5; i++) { await fetch(${JSON.stringify(`${web.origin}/cities.csv`)} + "?i=" + i); n++; } return n; } ${CATCH} }`, ["fetch"]);
    expect((await call(many, small)).content).toMatch(/E_CAP_BUDGET .*request budget \(2\) is spent/);
  });

  it("rejects undeclared capability use when validating, and refuses it at run time too", async () => {
    expect(() => spec("sneaky", `async function sneaky() { return fetch("http://x.org"); }`, [])).toThrow(FunctionSpecError);
    expect(() => spec("sneaky", `async function sneaky() { return fetch("http://x.org"); }`, [])).toThrow(/code uses fetch but "capabilities" does not list it/);
    expect(() => spec("sneaky", `async function sneaky({ n }) { return tools[n]({}); }`, [])).toThrow(/computed name/);
    // Reaching the bridge directly grants nothing the function did not declare.
    const rt = createCapabilities(policy());
    const direct = spec("direct", `async function direct() { try { await parse.csv("a"); return await __toolforge.bind(["fetch"]).fetch(${JSON.stringify(`${web.origin}/moons.html`)}); } ${CATCH} }`, ["parse"]);
    expect((await call(direct, rt)).content).toMatch(/E_CAP_NOT_GRANTED fetch: not declared by the function/);
    // A declared capability the run's policy does not grant.
    const noNet = createCapabilities({ parse: true });
    expect((await call(fetchOf(`${web.origin}/moons.html`), noNet)).content).toMatch(/E_CAP_NOT_GRANTED fetch: not granted by this run's capability policy \(granted: parse\)/);
    // No policy at all: pure computation.
    expect((await call(fetchOf(`${web.origin}/moons.html`), undefined)).content).toMatch(/E_CAP_NOT_GRANTED .*no capability policy/);
  });

  it("refuses recursion through functions.* (cycles and depth) before any code runs", async () => {
    const rt = createCapabilities(policy({ functions: true, maxFunctionDepth: 2 }));
    const a = spec("a", `async function a() { return functions.b({}); }`, ["functions.b"]);
    const b = spec("b", `async function b() { return functions.a({}); }`, ["functions.a"]);
    expect((await call([a, b], rt)).content).toMatch(/E_CAP_CYCLE .*a → b → a/);
    const c1 = spec("c1", `async function c1() { return functions.c2({}); }`, ["functions.c2"]);
    const c2 = spec("c2", `async function c2() { return functions.c3({}); }`, ["functions.c3"]);
    const c3 = spec("c3", `async function c3() { return functions.c4({}); }`, ["functions.c4"]);
    const c4 = spec("c4", `function c4() { return 4; }`, []);
    expect((await call([c1, c2, c3, c4], rt)).content).toMatch(/E_CAP_DEPTH .*deeper than 2/);
    const shallow = createCapabilities(policy({ functions: true, maxFunctionDepth: 3 }));
    expect((await call([c1, c2, c3, c4], shallow)).content).toBe("4");
    expect(() => spec("self", `async function self() { return functions.self({}); }`, ["functions.self"])).toThrow(/cannot compose itself/);
  });

  it("contains a host tool that throws or hangs, and the next call works", async () => {
    const boom = tool(async () => { throw new Error("database on fire"); }, { name: "boom", description: "throws", schema: z.object({}) });
    const hang = tool(() => new Promise<string>(() => undefined), { name: "hang", description: "never answers", schema: z.object({}) });
    const ok = tool(async ({ q }: { q: string }) => `answer to ${q}`, { name: "ok", description: "works", schema: z.object({ q: z.string() }) });
    const rt = createCapabilities(policy({ hostTools: [boom, hang, ok] }));
    const use = (name: string, args = "{}") => spec("user", `async function user() { try { return await tools.${name}(${args}); } ${CATCH} }`, [`tools.${name}`]);
    expect((await call(use("boom"), rt)).content).toMatch(/E_CAP_TOOL tools\.boom: the tool failed: database on fire/);
    expect((await call(use("hang"), rt, { timeoutMs: 300 })).content).toMatch(/timeout|E_CAP_TIMEOUT/);
    expect((await call(use("ok", `{ q: "x" }`), rt)).content).toBe("answer to x");
  });
});

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "langsmith";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DatasetError, loadDataset } from "../../src/datasets/index.js";

const DATASET_ID = "6a1c3f1e-7a5c-4a3e-9d5e-3f0c2b1a0d11";
const EXAMPLES = Array.from({ length: 130 }, (_, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  dataset_id: DATASET_ID,
  inputs: { question: `What is ${i} + 1?` },
  outputs: { answer: String(i + 1), final: `#${i + 1}` },
  metadata: { i },
}));

// A loopback stand-in for the two LangSmith endpoints the client reads.
describe("loadDataset('langsmith:<name>') against a local fake LangSmith", () => {
  let server: Server;
  let client: Client;
  const seen: { path: string; key?: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      seen.push({ path: url.pathname, ...(typeof req.headers["x-api-key"] === "string" ? { key: req.headers["x-api-key"] } : {}) });
      res.setHeader("content-type", "application/json");
      if (url.pathname === "/datasets") {
        res.end(JSON.stringify(url.searchParams.get("name") === "arith" ? [{ id: DATASET_ID, name: "arith" }] : []));
      } else if (url.pathname === "/examples" && url.searchParams.get("dataset") === DATASET_ID) {
        const offset = Number(url.searchParams.get("offset") ?? 0);
        const limit = Number(url.searchParams.get("limit") ?? 100);
        res.end(JSON.stringify(EXAMPLES.slice(offset, offset + limit)));
      } else {
        res.statusCode = 404;
        res.end("{}");
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    client = new Client({ apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, apiKey: "lsv2-test", autoBatchTracing: false });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("maps inputs / outputs to tasks by the documented field paths, across pages, and keeps example ids", async () => {
    const data = await loadDataset("langsmith:arith", { langsmithClient: client });
    expect(data.name).toBe("langsmith:arith");
    expect(data.tasks).toHaveLength(130);
    expect(data.tasks[7]).toMatchObject({ id: EXAMPLES[7]!.id, question: "What is 7 + 1?", answer: "8" });
    expect(await data.scorer("FINAL ANSWER: 8", data.tasks[7]!)).toMatchObject({ score: 1 });
    // The key went to the LangSmith endpoint it was given for.
    expect(seen.every((s) => s.key === "lsv2-test")).toBe(true);
  });

  it("takes other paths from mapping, honours limit, and names the dataset when it is missing", async () => {
    const data = await loadDataset("langsmith:arith", { langsmithClient: client, mapping: { answer: "outputs.final" }, limit: 3 });
    expect(data.tasks.map((t) => t.answer)).toEqual(["#1", "#2", "#3"]);
    const error = await loadDataset("langsmith:nope", { langsmithClient: client }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).code).toBe("E_DATASET_READ");
    expect((error as Error).message).toContain("langsmith:nope");
  });
});

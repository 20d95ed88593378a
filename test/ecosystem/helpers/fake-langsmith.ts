import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";

/** A run as the LangSmith client uploaded it. */
export interface UploadedRun {
  id: string;
  name: string;
  tags: string[];
  parent_run_id?: string;
  trace_id?: string;
  run_type?: string;
  session_name?: string;
  reference_example_id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** A project (experiment) the client created. */
export interface CreatedSession {
  id: string;
  name: string;
  reference_dataset_id?: string;
  extra?: { metadata?: Record<string, unknown> };
}

/** Feedback the client sent. */
export interface SentFeedback {
  run_id: string;
  key: string;
  score?: number;
  session_id?: string;
}

/** A dataset the fake serves (`GET /datasets?name=`, `GET /examples?dataset=`). */
export interface FakeDataset {
  id: string;
  name: string;
  examples: { id: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }[];
}

export interface FakeLangSmith {
  url: string;
  runs: UploadedRun[];
  sessions: CreatedSession[];
  feedback: SentFeedback[];
  apiKeys: Set<string>;
  close(): Promise<void>;
}

/** The `post.<run id>` parts of a LangSmith multipart upload. */
function parseMultipart(body: string, contentType: string): UploadedRun[] {
  const boundary = /boundary=([^;]+)/.exec(contentType)?.[1];
  if (!boundary) return [];
  const runs: UploadedRun[] = [];
  for (const part of body.split(`--${boundary}`)) {
    const name = /name="([^"]+)"/.exec(part)?.[1];
    if (!name || !/^post\.[^.]+$/.test(name)) continue;
    const json = part.slice(part.indexOf("\r\n\r\n") + 4).trim();
    try {
      runs.push(JSON.parse(json) as UploadedRun);
    } catch {
      // Not a run body.
    }
  }
  return runs;
}

/** Answers the dataset reads and project creation; undefined when `path` is not one of them. */
function datasetReply(method: string, url: URL, body: string, datasets: readonly FakeDataset[], sessions: CreatedSession[]): unknown {
  if (method === "GET" && url.pathname === "/datasets") {
    return datasets.filter((d) => d.name === url.searchParams.get("name")).map((d) => ({ id: d.id, name: d.name }));
  }
  if (method === "GET" && url.pathname === "/examples") {
    const dataset = datasets.find((d) => d.id === url.searchParams.get("dataset"));
    const offset = Number(url.searchParams.get("offset") ?? 0);
    return (dataset?.examples ?? []).slice(offset, offset + Number(url.searchParams.get("limit") ?? 100)).map((e) => ({ ...e, dataset_id: dataset!.id }));
  }
  if (method === "POST" && url.pathname === "/sessions") {
    const session = { ...(JSON.parse(body) as Omit<CreatedSession, "id">), id: randomUUID() };
    sessions.push(session);
    return session;
  }
  return undefined;
}

/** A local stand-in for the LangSmith API that records uploaded runs (multipart and batch), created projects and feedback, and serves `datasets`. */
export function startFakeLangSmith(datasets: readonly FakeDataset[] = []): Promise<FakeLangSmith> {
  const runs: UploadedRun[] = [];
  const sessions: CreatedSession[] = [];
  const feedback: SentFeedback[] = [];
  const apiKeys = new Set<string>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const key = req.headers["x-api-key"];
      if (typeof key === "string") apiKeys.add(key);
      const body = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const reply = datasetReply(req.method ?? "GET", url, body, datasets, sessions);
      if (reply !== undefined) {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify(reply));
      }
      if (req.method === "POST" && url.pathname === "/feedback") feedback.push(JSON.parse(body) as SentFeedback);
      else if (req.url?.startsWith("/runs/multipart")) runs.push(...parseMultipart(body, String(req.headers["content-type"] ?? "")));
      else if (req.url?.startsWith("/runs/batch")) {
        const batch = JSON.parse(body || "{}") as { post?: UploadedRun[] };
        runs.push(...(batch.post ?? []));
      } else if (req.method === "POST" && req.url === "/runs") runs.push(JSON.parse(body) as UploadedRun);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(req.url?.startsWith("/info") ? JSON.stringify({ version: "0.0.0-fake", batch_ingest_config: {} }) : "{}");
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}`, runs, sessions, feedback, apiKeys, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

import { createServer, type Server } from "node:http";

/** A run as the LangSmith client uploaded it. */
export interface UploadedRun {
  id: string;
  name: string;
  tags: string[];
  parent_run_id?: string;
  trace_id?: string;
  run_type?: string;
}

export interface FakeLangSmith {
  url: string;
  runs: UploadedRun[];
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

/** A local stand-in for the LangSmith API that records uploaded runs (multipart and batch). */
export function startFakeLangSmith(): Promise<FakeLangSmith> {
  const runs: UploadedRun[] = [];
  const apiKeys = new Set<string>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const key = req.headers["x-api-key"];
      if (typeof key === "string") apiKeys.add(key);
      const body = Buffer.concat(chunks).toString("utf8");
      if (req.url?.startsWith("/runs/multipart")) runs.push(...parseMultipart(body, String(req.headers["content-type"] ?? "")));
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
      resolve({ url: `http://127.0.0.1:${port}`, runs, apiKeys, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A tiny PDF with one page of Helvetica text lines, built by hand so the
 * tests need no binary fixture (xref offsets computed).
 */
export function makePdf(lines: string[]): Buffer {
  const esc = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = `BT /F1 12 Tf 72 720 Td 14 TL ${lines.map((l) => `(${esc(l)}) Tj T*`).join(" ")} ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

export const TABLE_PAGE = `<!doctype html><html><head><title>Moons</title><style>p{}</style><script>var x = 1;</script></head>
<body><h1>Moons of the outer planets</h1><p>Counts as of <b>2024</b>.</p>
<table><caption>Moons</caption><tr><th>Planet</th><th>Moons</th></tr><tr><td>Jupiter</td><td>95</td></tr><tr><td>Saturn</td><td>146</td></tr><tr><td>Uranus</td><td>28</td></tr></table>
</body></html>`;

export const CSV_TEXT = 'city,population\nOslo,"709,037"\nBergen,291940\n';
export const PDF_LINES = ["Annual report 2023", "Total revenue: 4,210 thousand USD"];

/** A loopback fixture web: pages, a PDF, a CSV, redirects, and misbehaving endpoints. Counts requests per path. */
export async function startFixtureWeb(): Promise<{ origin: string; host: string; port: number; hits: Map<string, number>; close: () => Promise<void> }> {
  const hits = new Map<string, number>();
  const open = new Set<import("node:net").Socket>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] as string;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    switch (path) {
      case "/moons.html":
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(TABLE_PAGE);
        return;
      case "/report.pdf":
        res.writeHead(200, { "content-type": "application/pdf" }).end(makePdf(PDF_LINES));
        return;
      case "/cities.csv":
        res.writeHead(200, { "content-type": "text/csv" }).end(CSV_TEXT);
        return;
      case "/go-moons":
        res.writeHead(302, { location: "/moons.html" }).end();
        return;
      case "/loop":
        res.writeHead(302, { location: "/loop" }).end();
        return;
      case "/go-out":
        res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
        return;
      case "/go-private-name":
        res.writeHead(301, { location: "http://intranet.test/secret" }).end();
        return;
      case "/big":
        res.writeHead(200, { "content-type": "text/plain" }).end("x".repeat(64 * 1024));
        return;
      case "/endless": {
        res.writeHead(200, { "content-type": "text/plain" });
        const chunk = "y".repeat(16 * 1024);
        const pump = (): void => {
          while (res.write(chunk)) if (res.destroyed) return;
          res.once("drain", pump);
        };
        res.on("close", () => res.removeAllListeners("drain"));
        pump();
        return;
      }
      case "/slow":
        // Never answers; the client must give up on its own.
        return;
      case "/headers":
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(req.headers));
        return;
      case "/post":
        res.writeHead(200, { "content-type": "text/plain" }).end(`method ${req.method}`);
        return;
      default:
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  server.on("connection", (s) => {
    open.add(s);
    s.on("close", () => open.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    port,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}

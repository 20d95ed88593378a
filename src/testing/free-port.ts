import { createServer } from "node:net";

/**
 * A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it):
 * nothing listens there, so connecting is refused until a server (e.g.
 * `startScriptedServer({ port })`) takes it.
 *
 * @example
 * import { freeLoopbackPort, startScriptedServer } from "toolforge/testing";
 * const port = await freeLoopbackPort();   // a "provider" that is down…
 * const server = await startScriptedServer({ respond: () => ({ content: "ok" }), port });   // …and back up
 */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

import type * as SandboxModule from "../../src/sandbox/index.js";

/** How many sandboxes were opened (and closed) through the module wrapped by {@link countSandboxes}. */
export const sandboxesOpened = { count: 0, closed: 0 };

/**
 * The sandbox module with `createSandbox` counted, for
 * `vi.mock("…/src/sandbox/index.js", async (original) => (await import("…/count-sandboxes.js")).countSandboxes(await original()))`.
 * Counting replaces timing: "no sandbox was started" is checked, not guessed from speed.
 */
export function countSandboxes(original: typeof SandboxModule): typeof SandboxModule {
  return {
    ...original,
    createSandbox: async (...args: Parameters<typeof original.createSandbox>) => {
      sandboxesOpened.count++;
      const sandbox = await original.createSandbox(...args);
      const close = sandbox.close.bind(sandbox);
      sandbox.close = async () => {
        sandboxesOpened.closed++;
        await close();
      };
      return sandbox;
    },
  };
}

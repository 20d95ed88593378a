import type { Command } from "commander";
import { printerFor, withOutputOptions, type CommandContext } from "../command-context.js";

/**
 * Registers `toolforge diff <a> <b>`: functions added, removed and revised
 * (with a code diff) from toolset a to toolset b.
 *
 * @example
 * // npx toolforge diff runs/a/toolsets/step-1.json runs/a/best.toolset.json
 */
export function registerDiffCommand(program: Command, ctx: CommandContext): void {
  const cmd = program.command("diff").description("show what changed between two toolsets").argument("<a>", "toolset file (before)").argument("<b>", "toolset file (after)");
  withOutputOptions(cmd).action(async (a: string, b: string, flags: { json?: boolean; quiet?: boolean }) => {
    const { formatToolsetDiff, Toolset } = await import("../../functions/index.js");
    const [before, after] = await Promise.all([Toolset.load(a), Toolset.load(b)]);
    const diff = Toolset.diff(before, after);
    printerFor(ctx.io, flags).result({ type: "result", a, b, ...diff }, formatToolsetDiff(diff));
  });
}

import type { Command } from "commander";
import type { FunctionSpec } from "../../functions/function-spec.js";
import { functionSignature } from "../../report/function-signature.js";
import { printerFor, withOutputOptions, type CommandContext } from "../command-context.js";

/**
 * Registers `toolforge inspect <toolset>`: functions with signatures, code
 * and cyclomatic complexity (ESLint's `complexity` rule; `--json` adds a
 * `complexity` list), grouped by role when the toolset belongs to a team.
 *
 * @example
 * // npx toolforge inspect runs/a/best.toolset.json
 */
export function registerInspectCommand(program: Command, ctx: CommandContext): void {
  const cmd = program.command("inspect").description("show a toolset's functions with their signatures, code and cyclomatic complexity").argument("<toolset>", "toolset file");
  withOutputOptions(cmd).action(async (file: string, flags: { json?: boolean; quiet?: boolean }) => {
    const { Toolset, toolsetComplexity } = await import("../../functions/index.js");
    const { groupByRole, hasRoles } = await import("../../teams/group-by-role.js");
    const toolset = await Toolset.load(file);
    const complexity = await toolsetComplexity(toolset.functions);
    const complexityOf = (name: string) => complexity.find((c) => c.name === name)?.complexity;
    const describe = (f: FunctionSpec) =>
      [
        "",
        functionSignature(f),
        `  ${f.description}`,
        ...(f.packages.length > 0 ? [`  packages: ${f.packages.join(", ")}`] : []),
        `  cyclomatic complexity: ${complexityOf(f.name) ?? "–"}`,
        ...f.code.trimEnd().split("\n").map((l) => `    ${l}`),
      ].join("\n");
    // A team's toolset reads best per member: who gets what.
    const body = hasRoles(toolset.functions)
      ? groupByRole(toolset.functions).flatMap((g) => ["", `== ${g.role === null ? "every role" : `role ${g.role}`} (${g.functions.length})`, ...g.functions.map(describe)])
      : toolset.functions.map(describe);
    const text =
      toolset.size === 0
        ? `${file}: empty toolset (no functions)`
        : [`${file}: ${toolset.size} function${toolset.size === 1 ? "" : "s"} (hash ${toolset.hash.slice(0, 12)})`, ...body].join("\n");
    printerFor(ctx.io, flags).result({ type: "result", file, hash: toolset.hash, ...toolset.toJSON(), complexity }, text);
  });
}

import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { Option, type Command } from "commander";
import type { CommandContext } from "../command-context.js";
import { CliUsageError } from "../errors.js";
import { toolsetModuleSource } from "../export-module.js";

/**
 * Registers `toolforge export <toolset> --format json|ts`.
 *
 * @example
 * // npx toolforge export runs/a/best.toolset.json --format ts --out src/tools.ts
 */
export function registerExportCommand(program: Command, ctx: CommandContext): void {
  program
    .command("export")
    .description("export a toolset as JSON or as a TypeScript module of ready-to-use DynamicStructuredTools")
    .argument("<toolset>", "toolset file")
    .addOption(new Option("--format <format>", "output format").choices(["json", "ts"]).makeOptionMandatory())
    .option("--out <file>", "write to a file instead of stdout, creating missing folders (never overwritten without --force)")
    .option("--force", "overwrite --out if it exists")
    .option("--import-from <specifier>", "module the ts output imports toolforge from", "toolforge")
    .action(async (file: string, flags: { format: "json" | "ts"; out?: string; force?: boolean; importFrom: string }) => {
      const { Toolset } = await import("../../functions/index.js");
      const toolset = await Toolset.load(file);
      const text =
        flags.format === "json" ? JSON.stringify(toolset.toJSON(), null, 2) + "\n" : toolsetModuleSource(toolset.toJSON(), { importFrom: flags.importFrom, source: file });
      if (!flags.out) {
        ctx.io.stdout.write(text);
        return;
      }
      if (existsSync(flags.out) && !flags.force) {
        throw new CliUsageError("E_CLI_OUT_EXISTS", `${flags.out} already exists; pass --force to overwrite it`, { path: flags.out });
      }
      // Only after the toolset loaded: a bad input file creates no folder.
      mkdirSync(dirname(flags.out), { recursive: true });
      const tmp = `${flags.out}.${process.pid}.tmp`;
      writeFileSync(tmp, text);
      renameSync(tmp, flags.out);
      ctx.io.stderr.write(`Wrote ${flags.out}\n`);
    });
}

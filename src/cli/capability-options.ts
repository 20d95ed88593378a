import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { resolveCapabilityPolicy, type CapabilityPolicy, type ResolvedCapabilityPolicy } from "../capabilities/capability-policy.js";
import { CapabilityPolicyError } from "../capabilities/errors.js";
import { CliUsageError } from "./errors.js";
import { integerOption } from "./parse-options.js";

/**
 * The capability flags of `train` and `eval`, as stored in a run's
 * `config.json` (JSON only: the tools module is stored by path and imported again on resume).
 *
 * @example
 * const c: import("toolforge").CliCapabilities = { allowNet: ["en.wikipedia.org"], parse: true, attachments: true };
 */
export interface CliCapabilities {
  allowNet?: string[];
  methods?: string[];
  maxRequests?: number;
  parse?: boolean;
  attachments?: boolean;
  compose?: boolean;
  /** An ES module exporting `search` (a LangChain tool) and/or `tools` (an array of LangChain tools). */
  toolsModule?: string;
}

const list = (value: string): string[] => value.split(",").map((s) => s.trim()).filter((s) => s !== "");

/**
 * Adds `--allow-net`, `--allow-method`, `--max-requests`, `--parse`,
 * `--attachments`, `--compose`, `--tools-module` and `--levels` to a command.
 *
 * @example
 * addCapabilityOptions(new Command("train"));
 */
export function addCapabilityOptions(cmd: Command): Command {
  return cmd
    .option("--allow-net <hosts>", "let learned functions fetch from these hosts (comma-separated: example.org,*.wikipedia.org,127.0.0.1:8080)", list)
    .option("--allow-method <methods>", "HTTP methods fetch may use (default GET,HEAD)", list)
    .option("--max-requests <n>", "network requests per run", integerOption(1))
    .option("--parse", "let learned functions use the host parsers (HTML, tables, PDF, CSV, XLSX)")
    .option("--attachments", "let learned functions read the current task's attached files (GAIA)")
    .option("--compose", "let learned functions call other functions of the toolset (functions.<name>)")
    .option("--tools-module <file>", "ES module exporting `search` (a LangChain tool) and/or `tools` (LangChain tools) for learned functions")
    .option("--levels <list>", "GAIA levels to keep (e.g. 1,2)", (v: string) => list(v).map((s) => {
      const n = Number(s);
      if (![1, 2, 3].includes(n)) throw new CliUsageError("E_CLI_OPTION", `--levels: ${JSON.stringify(s)} is not a GAIA level (1, 2 or 3)`, { option: "levels" });
      return n;
    }));
}

/**
 * The stored form of the capability flags; `undefined` when none was given.
 * The policy they describe is checked at once, so a malformed host pattern
 * fails before anything is written.
 *
 * @example
 * capabilitiesFromFlags({ allowNet: ["example.org"], parse: true }); // { allowNet: ["example.org"], parse: true }
 */
export function capabilitiesFromFlags(flags: CliCapabilities): CliCapabilities | undefined {
  const c: CliCapabilities = {
    ...(flags.allowNet && { allowNet: flags.allowNet }),
    ...(flags.methods && { methods: flags.methods }),
    ...((flags as { allowMethod?: string[] }).allowMethod && { methods: (flags as { allowMethod?: string[] }).allowMethod }),
    ...(flags.maxRequests !== undefined && { maxRequests: flags.maxRequests }),
    ...(flags.parse && { parse: true }),
    ...(flags.attachments && { attachments: true }),
    ...(flags.compose && { compose: true }),
    ...(flags.toolsModule && { toolsModule: resolve(flags.toolsModule) }),
  };
  if (Object.keys(c).length === 0) return undefined;
  resolveCapabilityPolicy(toPolicy(c, {}));
  return c;
}

/**
 * Builds the run's policy from stored flags, importing the tools module.
 * Throws {@link CapabilityPolicyError} (exit code 2) for a module that
 * cannot be loaded or exports no LangChain tools.
 *
 * @example
 * const policy = await capabilityPolicyOf({ allowNet: ["example.org"] });
 */
export async function capabilityPolicyOf(c: CliCapabilities | undefined): Promise<ResolvedCapabilityPolicy | undefined> {
  if (!c) return undefined;
  let loaded: { search?: StructuredToolInterface; tools?: StructuredToolInterface[] } = {};
  if (c.toolsModule) {
    try {
      loaded = (await import(pathToFileURL(c.toolsModule).href)) as typeof loaded;
    } catch (e) {
      throw new CapabilityPolicyError("E_POLICY_VALUE", "--tools-module", `${c.toolsModule} cannot be imported: ${(e as Error).message}`);
    }
    if (loaded.search === undefined && loaded.tools === undefined) throw new CapabilityPolicyError("E_POLICY_VALUE", "--tools-module", `${c.toolsModule} exports neither \`search\` nor \`tools\``);
  }
  return resolveCapabilityPolicy(toPolicy(c, loaded));
}

function toPolicy(c: CliCapabilities, loaded: { search?: StructuredToolInterface; tools?: StructuredToolInterface[] }): CapabilityPolicy {
  return {
    ...((c.allowNet || c.methods || c.maxRequests !== undefined) && {
      net: { allow: c.allowNet ?? [], ...(c.methods && { methods: c.methods }), ...(c.maxRequests !== undefined && { maxRequests: c.maxRequests }) },
    }),
    ...(c.parse && { parse: true }),
    ...(c.attachments && { attachments: true }),
    ...(c.compose && { functions: true }),
    ...(loaded.search && { search: loaded.search }),
    ...(loaded.tools && { hostTools: loaded.tools }),
  };
}

import { createHash } from "node:crypto";
import type { DynamicStructuredTool } from "@langchain/core/tools";
import { ToolforgeError } from "../errors.js";
import { writeFileAtomic } from "./atomic-write.js";
import { canonicalJson } from "./canonical-json.js";
import { deepFreeze } from "./deep-freeze.js";
import { emitTools, type ToToolsOptions } from "./emit-tools.js";
import { FunctionSpecError, ToolsetFileError } from "./errors.js";
import type { FunctionSpec, FunctionSpecInput } from "./function-spec.js";
import { parseToolsetFile } from "./parse-toolset-file.js";
import { readToolsetJson } from "./read-toolset-file.js";
import { renderSignatures } from "./render-signatures.js";
import { diffToolsets, type ToolsetDiff } from "./toolset-diff.js";
import { TOOLSET_FORMAT, TOOLSET_VERSION, type ToolsetFile, type ToolsetMetadata } from "./toolset-file.js";
import { validateFunctionSpec, type ValidateFunctionSpecOptions } from "./validate-function-spec.js";

/**
 * Options for reading a toolset from JSON or a file.
 * @example
 * import { Toolset } from "toolforge";
 * const ts = await Toolset.load("toolset.json", { allowedPackages: ["mathjs"], maxCodeChars: 10_000 });
 */
export type ToolsetReadOptions = Pick<ValidateFunctionSpecOptions, "allowedPackages" | "maxCodeChars">;

/**
 * Options of {@link Toolset.toTools}: those of `emitTools` plus `role`.
 * @example
 * const opts: import("toolforge").ToolsetToolsOptions = { sandbox, role: "calculator" };
 */
export type ToolsetToolsOptions = ToToolsOptions & {
  /** Only the functions of this team role (those naming it, and those without `roles`). */
  role?: string;
};

/**
 * The agent's learnable "weights": an immutable set of learned functions
 * with unique names. `add` / `revise` / `remove` return a new toolset and
 * throw {@link FunctionSpecError} on invalid specs or names that do (not)
 * exist. `hash` is a sha256 of the functions' canonical JSON (sorted keys,
 * functions sorted by name); metadata never affects it. Operations that
 * change functions drop metadata, because metadata describes one snapshot.
 *
 * @example
 * import { Toolset, createSandbox } from "toolforge";
 * const ts = Toolset.empty().add({
 *   name: "add", description: "Add a and b.",
 *   parameters: { type: "object", properties: { a: { type: "number" }, b: { type: "number" } }, required: ["a", "b"] },
 *   code: "function add({ a, b }) { return a + b; }", packages: [],
 * });
 * await ts.save("runs/demo/toolset.json");
 * const sandbox = await createSandbox();
 * const [add] = ts.toTools({ sandbox });
 * console.log(await add.invoke({ a: 1, b: 2 })); // "3"
 * await sandbox.close();
 */
export class Toolset {
  /** The functions, in insertion order (a revised function keeps its place). */
  readonly functions: readonly FunctionSpec[];
  /** Facts about this snapshot (step, losses...); not part of the hash. */
  readonly metadata: Readonly<ToolsetMetadata> | undefined;
  /** sha256 hex of the canonical JSON of the functions. */
  readonly hash: string;
  readonly #byName: ReadonlyMap<string, FunctionSpec>;

  private constructor(functions: readonly FunctionSpec[], metadata: ToolsetMetadata | undefined) {
    this.functions = Object.freeze([...functions]);
    this.metadata = metadata === undefined ? undefined : deepFreeze(structuredClone(metadata));
    this.#byName = new Map(functions.map((f) => [f.name, f]));
    const sorted = [...functions].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.hash = createHash("sha256")
      // Version 1 in the hashed text on purpose: a set without roles keeps the hash it had before roles existed.
      .update(canonicalJson({ format: TOOLSET_FORMAT, version: 1, functions: sorted }))
      .digest("hex");
    Object.freeze(this);
  }

  /**
   * A toolset without functions (the paper's untrained agent).
   * @example
   * import { Toolset } from "toolforge";
   * console.log(Toolset.empty().size); // 0
   */
  static empty(): Toolset {
    return new Toolset([], undefined);
  }

  /**
   * A toolset of the given specs (validated; names must be unique).
   * @example
   * import { Toolset } from "toolforge";
   * const ts = Toolset.from([{ name: "one", description: "Returns 1.",
   *   parameters: { type: "object", properties: {} }, code: "const one = () => 1;" }]);
   */
  static from(specs: readonly FunctionSpecInput[]): Toolset {
    return specs.reduce((ts, spec) => ts.add(spec), Toolset.empty());
  }

  /**
   * Rebuilds a toolset from its JSON form ({@link ToolsetFile}), validating
   * everything. `source` (a file path or label) is named in errors.
   * @example
   * import { Toolset } from "toolforge";
   * const copy = Toolset.fromJSON(JSON.parse(JSON.stringify(Toolset.empty())));
   */
  static fromJSON(json: unknown, opts: { source?: string } & ToolsetReadOptions = {}): Toolset {
    if (json instanceof Toolset) return json;
    const { source, ...rest } = opts;
    const { functions, metadata } = parseToolsetFile(json, { ...rest, file: source });
    return new Toolset(functions, metadata === undefined ? undefined : checkedMetadata(metadata, source));
  }

  /**
   * Reads a toolset file. Throws {@link ToolsetFileError} (unreadable,
   * corrupt JSON, wrong format, unknown version) or {@link FunctionSpecError}
   * (an invalid function), both naming the file.
   * @example
   * import { Toolset } from "toolforge";
   * const ts = await Toolset.load("runs/demo/toolset.json");
   */
  static async load(path: string, opts: ToolsetReadOptions = {}): Promise<Toolset> {
    return Toolset.fromJSON(await readToolsetJson(path), { ...opts, source: path });
  }

  /**
   * The difference between two toolsets (added / removed / revised with a
   * unified code diff). Same as {@link diffToolsets}.
   * @example
   * import { Toolset, formatToolsetDiff } from "toolforge";
   * console.log(formatToolsetDiff(Toolset.diff(before, after)));
   */
  static diff(a: Toolset, b: Toolset): ToolsetDiff {
    return diffToolsets(a, b);
  }

  /**
   * Number of functions.
   * @example
   * console.log(Toolset.empty().size); // 0
   */
  get size(): number {
    return this.functions.length;
  }

  /**
   * The function called `name`, if any.
   * @example
   * const spec = ts.get("add"); // FunctionSpec | undefined
   */
  get(name: string): FunctionSpec | undefined {
    return this.#byName.get(name);
  }

  /**
   * Whether a function called `name` exists.
   * @example
   * if (!ts.has("add")) ts = ts.add(addSpec);
   */
  has(name: string): boolean {
    return this.#byName.has(name);
  }

  /**
   * A new toolset with `spec` added. Throws `E_FUNCTION_EXISTS` if the name
   * is taken, or a validation error.
   * @example
   * const next = Toolset.empty().add({ name: "one", description: "Returns 1.",
   *   parameters: { type: "object", properties: {} }, code: "function one() { return 1; }" });
   */
  add(spec: FunctionSpecInput, opts: Omit<ValidateFunctionSpecOptions, "file" | "index"> = {}): Toolset {
    const valid = validateFunctionSpec(spec, opts);
    if (this.has(valid.name)) {
      throw new FunctionSpecError("E_FUNCTION_EXISTS", {
        function: valid.name,
        field: "name",
        reason: `a function named "${valid.name}" already exists; use revise to change it`,
      });
    }
    return new Toolset([...this.functions, valid], undefined);
  }

  /**
   * A new toolset where the function named `spec.name` is replaced by
   * `spec`. Throws `E_FUNCTION_MISSING` if there is no such function.
   * @example
   * const next = ts.revise({ ...ts.get("add")!, code: "const add = ({ a, b }) => a + b;" });
   */
  revise(spec: FunctionSpecInput, opts: Omit<ValidateFunctionSpecOptions, "file" | "index"> = {}): Toolset {
    const valid = validateFunctionSpec(spec, opts);
    this.#mustHave(valid.name, "revise");
    return new Toolset(this.functions.map((f) => (f.name === valid.name ? valid : f)), undefined);
  }

  /**
   * A new toolset without the function `name`. Throws `E_FUNCTION_MISSING`
   * if there is no such function.
   * @example
   * const smaller = ts.remove("add");
   */
  remove(name: string): Toolset {
    this.#mustHave(name, "remove");
    return new Toolset(this.functions.filter((f) => f.name !== name), undefined);
  }

  /**
   * The same functions with `metadata` attached (JSON values only; finite
   * numbers). The hash does not change.
   * @example
   * const tagged = ts.withMetadata({ step: 2, trainLoss: 0.3, createdAt: new Date().toISOString() });
   */
  withMetadata(metadata: ToolsetMetadata | undefined): Toolset {
    return new Toolset(this.functions, metadata === undefined ? undefined : checkedMetadata(metadata, undefined));
  }

  /**
   * Whether both toolsets have the same functions (equal hashes).
   * @example
   * console.log(ts.equals(Toolset.fromJSON(ts.toJSON()))); // true
   */
  equals(other: Toolset): boolean {
    return this.hash === other.hash;
  }

  /**
   * The JSON form written by {@link Toolset.save}; JSON-safe (fit for
   * LangGraph checkpoints).
   * @example
   * const json = ts.toJSON(); // { format: "toolforge.toolset", version: 2, functions: [...] }
   */
  toJSON(): ToolsetFile {
    const file: ToolsetFile = {
      format: TOOLSET_FORMAT,
      version: TOOLSET_VERSION,
      functions: this.functions.map((f) => structuredClone(f) as FunctionSpec),
    };
    if (this.metadata !== undefined) file.metadata = structuredClone(this.metadata) as ToolsetMetadata;
    return file;
  }

  /**
   * Writes the toolset as pretty JSON, atomically: a failed write never
   * leaves a partial file at `path` (temp file + rename).
   * @example
   * await ts.save("runs/demo/toolset.json");
   */
  async save(path: string): Promise<void> {
    try {
      await writeFileAtomic(path, `${JSON.stringify(this.toJSON(), null, 2)}\n`);
    } catch (error) {
      throw new ToolsetFileError("E_TOOLSET_WRITE", path, `cannot write toolset file: ${(error as Error).message}`, { cause: error });
    }
  }

  /**
   * LangChain tools that run each function in `sandbox`; see
   * {@link emitTools}. With `role`, only that team member's functions.
   * @example
   * const agent = createAgent({ model, tools: ts.toTools({ sandbox }) });
   * const researcher = createAgent({ model, name: "researcher", tools: ts.toTools({ sandbox, role: "researcher" }) });
   */
  toTools(opts: ToolsetToolsOptions): DynamicStructuredTool[] {
    const { role, ...rest } = opts;
    return emitTools(role === undefined ? this.functions : this.forRole(role), rest);
  }

  /**
   * The functions team member `role` gets: those without `roles` (every
   * role) and those that name it.
   * @example
   * const researcherFunctions = ts.forRole("researcher").map((f) => f.name);
   */
  forRole(role: string): FunctionSpec[] {
    return this.functions.filter((f) => f.roles === undefined || f.roles.includes(role));
  }

  /**
   * The five elements of every function as compact text (App. D.1 "List A"),
   * for optimizer prompts. Same as {@link renderSignatures}.
   * @example
   * console.log(ts.describe());
   */
  describe(): string {
    return renderSignatures(this.functions);
  }

  #mustHave(name: string, action: "revise" | "remove"): void {
    if (this.has(name)) return;
    const existing = this.functions.map((f) => f.name);
    throw new FunctionSpecError("E_FUNCTION_MISSING", {
      function: name,
      field: "name",
      reason: `cannot ${action}: no function named "${name}" (existing: ${existing.length > 0 ? existing.join(", ") : "none"})`,
    });
  }
}

function checkedMetadata(metadata: ToolsetMetadata, file: string | undefined): ToolsetMetadata {
  const problem = jsonProblem(metadata, "metadata");
  if (problem) {
    throw file !== undefined
      ? new ToolsetFileError("E_TOOLSET_FORMAT", file, problem)
      : new ToolforgeError("E_TOOLSET_METADATA", problem, { field: "metadata" });
  }
  return metadata;
}

// Metadata goes into files and LangGraph checkpoints: only plain JSON survives both.
// `ancestors` are the objects and arrays above `value`: one of them again is a cycle.
function jsonProblem(value: unknown, path: string, ancestors: readonly unknown[] = []): string | undefined {
  if (value === null || typeof value === "string" || typeof value === "boolean") return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : `${path} is ${value}; only finite numbers are JSON`;
  if (ancestors.includes(value)) return `${path} refers back to an object containing it (a cycle); JSON cannot hold one`;
  const inside = [...ancestors, value];
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const p = jsonProblem(item, `${path}[${i}]`, inside);
      if (p) return p;
    }
    return undefined;
  }
  const proto: unknown = typeof value === "object" ? Object.getPrototypeOf(value) : undefined;
  if (proto === Object.prototype || proto === null) {
    for (const [k, v] of Object.entries(value as object)) {
      if (v === undefined) continue;
      const p = jsonProblem(v, `${path}.${k}`, inside);
      if (p) return p;
    }
    return undefined;
  }
  return `${path} is ${value === undefined ? "undefined" : typeof value === "object" ? `a ${(value as object).constructor?.name ?? "non-plain object"}` : `a ${typeof value}`}; only JSON values are allowed`;
}

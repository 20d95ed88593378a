/**
 * A JSON Schema object (draft-07), as plain JSON.
 * @example
 * const schema: import("toolforge").JSONSchema = { type: "string", description: "A city name." };
 */
export type JSONSchema = { [keyword: string]: unknown };

/**
 * JSON Schema of a learned function's single object argument.
 * @example
 * const p: import("toolforge").FunctionParameters = { type: "object", properties: { x: { type: "number" } }, required: ["x"] };
 */
export interface FunctionParameters {
  type: "object";
  properties: Record<string, JSONSchema>;
  required?: string[];
  [keyword: string]: unknown;
}

/**
 * One learned function — a "weight" of the agent (the five elements of
 * App. D.1 of arXiv 2402.11359). `code` is JavaScript that defines a
 * function named `name` taking one object argument that matches
 * `parameters`; `packages` are sandbox allow-listed libraries it uses.
 *
 * @example
 * import type { FunctionSpec } from "toolforge";
 * const spec: FunctionSpec = {
 *   name: "add",
 *   description: "Add two numbers.",
 *   parameters: { type: "object", properties: { a: { type: "number" }, b: { type: "number" } }, required: ["a", "b"] },
 *   code: "function add({ a, b }) { return a + b; }",
 *   packages: [],
 * };
 */
export interface FunctionSpec {
  readonly name: string;
  readonly description: string;
  readonly parameters: FunctionParameters;
  readonly code: string;
  readonly packages: readonly string[];
  /**
   * Capabilities the code uses (`fetch`, `parse`, `readAttachment`,
   * `search`, `tools.<name>`, `functions.<name>`); absent means none, and
   * the function is pure computation. A run's policy must grant them.
   */
  readonly capabilities?: readonly string[];
  /**
   * Team roles (members of a multi-agent team) that get this function;
   * absent means every role. Never empty.
   */
  readonly roles?: readonly string[];
}

/**
 * What `Toolset.add` / `revise` accept: a {@link FunctionSpec} whose
 * `packages` may be omitted (meaning none).
 *
 * @example
 * import { Toolset, type FunctionSpecInput } from "toolforge";
 * const input: FunctionSpecInput = { name: "twice", description: "Double x.",
 *   parameters: { type: "object", properties: { x: { type: "number" } } },
 *   code: "const twice = ({ x }) => 2 * x;" };
 * Toolset.empty().add(input);
 */
export type FunctionSpecInput = Omit<FunctionSpec, "packages"> & { readonly packages?: readonly string[] };

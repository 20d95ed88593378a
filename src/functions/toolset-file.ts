import type { FunctionSpec } from "./function-spec.js";

/**
 * The `format` field of every toolset file.
 * @example
 * import { TOOLSET_FORMAT } from "toolforge";
 * console.log(TOOLSET_FORMAT); // "toolforge.toolset"
 */
export const TOOLSET_FORMAT = "toolforge.toolset";
/**
 * The toolset file version this library writes. Version 2 added the
 * optional `roles` of each function; version 1 files still load.
 * @example
 * import { TOOLSET_VERSION } from "toolforge";
 * console.log(TOOLSET_VERSION); // 2
 */
export const TOOLSET_VERSION = 2;

/**
 * Every toolset file version this library reads.
 * @example
 * import { READABLE_TOOLSET_VERSIONS } from "toolforge";
 * console.log(READABLE_TOOLSET_VERSIONS); // [1, 2]
 */
export const READABLE_TOOLSET_VERSIONS = [1, 2] as const;

/**
 * Facts about one toolset snapshot (when and how it was learned). JSON
 * values only. Never part of the content hash.
 *
 * @example
 * const tagged = toolset.withMetadata({ step: 2, trainLoss: 0.35, createdAt: new Date().toISOString() });
 */
export interface ToolsetMetadata {
  createdAt?: string;
  step?: number;
  trainLoss?: number;
  validationLoss?: number;
  [key: string]: unknown;
}

/**
 * The JSON form of a toolset, as written by `Toolset.save` and returned by
 * `toJSON()`. JSON-safe, so it can live in LangGraph checkpoints.
 *
 * @example
 * const file: import("toolforge").ToolsetFile = {
 *   format: "toolforge.toolset", version: 1,
 *   functions: [{ name: "add", description: "Add a and b.",
 *     parameters: { type: "object", properties: { a: { type: "number" }, b: { type: "number" } }, required: ["a", "b"] },
 *     code: "function add({ a, b }) { return a + b; }", packages: [] }],
 *   metadata: { step: 3, trainLoss: 0.25 },
 * };
 */
export interface ToolsetFile {
  format: typeof TOOLSET_FORMAT;
  version: (typeof READABLE_TOOLSET_VERSIONS)[number];
  functions: FunctionSpec[];
  metadata?: ToolsetMetadata;
}

import { isScriptedModelSpec } from "../demo/scripted-models.js";
import { createModel } from "../models/index.js";
import type { ModelSpec } from "../models/types.js";

/**
 * Builds (without calling) the clients of the given model specs, so a bad
 * spec or a missing `OPENAI_API_KEY` fails before any file is written.
 * `scripted:demo` needs no check: the command starts its server.
 *
 * @example
 * import { validateModelSpecs } from "toolforge";
 * validateModelSpecs([{ baseURL: "http://127.0.0.1:8000/v1", model: "m" }]);
 */
export function validateModelSpecs(specs: readonly ModelSpec[]): void {
  for (const spec of specs) if (!isScriptedModelSpec(spec)) createModel(spec);
}

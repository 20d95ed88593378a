import { ALLOWED_PACKAGES } from "../sandbox/libraries.js";
import type { ActionName } from "./types.js";

/**
 * An OpenAI-format function tool definition, accepted by every LangChain chat model's `bindTools`.
 *
 * @example
 * import { ACTION_TOOLS, type ActionToolDefinition } from "toolforge";
 * const terminate: ActionToolDefinition | undefined = ACTION_TOOLS.find((t) => t.function.name === "terminate");
 */
export interface ActionToolDefinition {
  type: "function";
  function: { name: ActionName; description: string; parameters: Record<string, unknown> };
}

const specProperties = (verb: string) => ({
  name: {
    type: "string",
    description: "The name of the function; the code MUST define a top-level function with exactly this name.",
  },
  description: { type: "string", description: `A short description of what the ${verb} function does.` },
  arguments: {
    anyOf: [{ type: "object" }, { type: "string" }],
    description:
      'JSON Schema of the function\'s single object argument: either the full form {"type":"object","properties":{...},"required":[...]} ' +
      'or only the properties map, e.g. {"expression":{"type":"string","description":"The expression"}}. ' +
      "It may be sent as an object or JSON-encoded as a string. Use the types string, number, integer, boolean, array (with items), object.",
  },
  packages: {
    anyOf: [{ type: "array", items: { type: "string" } }, { type: "string" }],
    description:
      `Allow-listed libraries the code uses (available: ${ALLOWED_PACKAGES.join(", ")}); an array, a comma-separated string, or "" for none. ` +
      "Nothing else can be imported.",
  },
  capabilities: {
    anyOf: [{ type: "array", items: { type: "string" } }, { type: "string" }],
    description:
      "Capabilities the code uses, from those granted in this run (see the system prompt), e.g. [\"fetch\", \"parse\"]; omit or \"\" for none.",
  },
  code: {
    type: "string",
    description:
      "JavaScript (a plain script, no import/export) that defines the function, e.g. `function NAME({ a, b }) { ... }`. " +
      "It takes ONE object argument matching `arguments` and returns a JSON-serialisable value.",
  },
});

/**
 * The four actions the optimizer can call (App. D.3 of arXiv 2402.11359,
 * adapted to JavaScript): `add_function`, `revise_function`,
 * `remove_function`, `terminate`. Pass them to `model.bindTools(...)`.
 *
 * @example
 * import { ACTION_TOOLS } from "toolforge";
 * console.log(ACTION_TOOLS.map((t) => t.function.name)); // ["add_function", "revise_function", "remove_function", "terminate"]
 */
export const ACTION_TOOLS: readonly ActionToolDefinition[] = [
  {
    type: "function",
    function: {
      name: "add_function",
      description:
        "Add a new function that may be used in future tasks. Libraries must be declared in `packages`. " +
        "The name MUST be the same as the function name in the code.",
      parameters: {
        type: "object",
        properties: specProperties("new"),
        required: ["name", "description", "arguments", "packages", "code"],
      },
    },
  },
  {
    type: "function",
    function: {
      name: "revise_function",
      description:
        "Revise one existing function (replace its description, arguments schema, packages and code). " +
        "The name MUST be the name of an existing function and the same as the function name in the code.",
      parameters: {
        type: "object",
        properties: specProperties("revised"),
        required: ["name", "description", "arguments", "packages", "code"],
      },
    },
  },
  {
    type: "function",
    function: {
      name: "remove_function",
      description: "Remove one existing function that is not needed anymore.",
      parameters: {
        type: "object",
        properties: { name: { type: "string", description: "The name of the function to remove." } },
        required: ["name"],
      },
    },
  },
  {
    type: "function",
    function: {
      name: "terminate",
      description:
        "End the function update for this step because no more actions are needed. Call it alone, not together with other actions.",
      parameters: { type: "object", properties: {} },
    },
  },
];

/**
 * Names of {@link ACTION_TOOLS}, in order.
 *
 * @example
 * import { ACTION_NAMES } from "toolforge";
 * console.log(ACTION_NAMES.includes("terminate")); // true
 */
export const ACTION_NAMES: readonly ActionName[] = ACTION_TOOLS.map((t) => t.function.name);

/**
 * The tools of the one-step generation baseline (Table 3 of the paper, "w/o
 * progressive function update"): only `add_function`, called once per
 * function of the new set, all in one reply.
 *
 * @example
 * import { ONE_STEP_TOOLS } from "toolforge";
 * console.log(ONE_STEP_TOOLS.map((t) => t.function.name)); // ["add_function"]
 */
export const ONE_STEP_TOOLS: readonly ActionToolDefinition[] = ACTION_TOOLS.filter((t) => t.function.name === "add_function");

import type { FunctionSpec } from "../functions/function-spec.js";
import { CapabilityError } from "./errors.js";

/**
 * The code a capability-using call actually runs: the function's own code
 * followed by its capability bindings, and the code of every function it
 * composes (`functions.<name>`), each in its own scope. `declared` and
 * `packages` are unions over the composition.
 *
 * @example
 * const c: import("toolforge").ComposedCall = { code: "…", packages: [], declared: ["fetch"] };
 */
export interface ComposedCall {
  code: string;
  packages: string[];
  declared: string[];
}

/**
 * Builds the composed code of `spec` under a grant. `functions.<name>`
 * callees are inlined, so a call never waits for another worker; cycles
 * (`a → b → a`) and chains deeper than `maxDepth` are refused here, before
 * anything runs. Bindings come after the code, so line numbers in errors are
 * the function's own.
 *
 * @example
 * import { composeCall } from "toolforge";
 * const { code, declared } = composeCall(spec, toolset.functions, new Set(["fetch", "functions"]), 3);
 */
export function composeCall(spec: FunctionSpec, all: readonly FunctionSpec[], granted: ReadonlySet<string>, maxDepth: number): ComposedCall {
  const declared = new Set<string>();
  const packages = new Set<string>();
  const byName = new Map(all.map((f) => [f.name, f]));
  const build = (fn: FunctionSpec, path: string[]): string => {
    for (const p of fn.packages) packages.add(p);
    const caps = fn.capabilities ?? [];
    const own = caps.filter((c) => !c.startsWith("functions."));
    for (const c of own) declared.add(c);
    const callees = caps.filter((c) => c.startsWith("functions.")).map((c) => c.slice("functions.".length));
    let code = fn.code;
    const names = [...new Set(own.map((c) => (c.startsWith("tools.") ? "tools" : c)))];
    if (names.length > 0) code += `\n;const { ${names.join(", ")} } = __toolforge.bind(${JSON.stringify(own)});`;
    if (callees.length > 0) {
      if (!granted.has("functions")) throw new CapabilityError("E_CAP_NOT_GRANTED", `functions.${callees[0]}`, `${fn.name} composes other functions, but this run's policy does not grant "functions"`);
      if (path.length > maxDepth) throw new CapabilityError("E_CAP_DEPTH", `functions.${callees[0]}`, `composition ${path.join(" → ")} is deeper than ${maxDepth} levels`);
      const entries = callees.map((name) => {
        if (path.includes(name)) throw new CapabilityError("E_CAP_CYCLE", `functions.${name}`, `composition cycle ${[...path, name].join(" → ")}`);
        const callee = byName.get(name);
        if (!callee) throw new CapabilityError("E_CAP_NOT_GRANTED", `functions.${name}`, `${fn.name} calls ${name}, which is not a function of this toolset`);
        return `${JSON.stringify(name)}: (function () {${build(callee, [...path, name])}\n;return ${name}; })()`;
      });
      code += `\n;const functions = __toolforge.functions({ ${entries.join(", ")} });`;
    }
    return code;
  };
  const code = build(spec, [spec.name]);
  return { code, packages: [...packages], declared: [...declared] };
}

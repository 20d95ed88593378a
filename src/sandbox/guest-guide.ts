import { ALLOWED_PACKAGES } from "./libraries.js";

/**
 * What guest code may use, in words an LLM can follow. The optimizer puts
 * this into its prompt so learned functions are written for this sandbox.
 *
 * @example
 * import { SANDBOX_GUEST_GUIDE } from "toolforge";
 * console.log(SANDBOX_GUEST_GUIDE.includes("require(\"mathjs\")")); // true
 */
export const SANDBOX_GUEST_GUIDE = `Function code runs in an isolated JavaScript (ES2023) sandbox, not in Node.js or a browser.
- Define the function with the declared name; it receives ONE object argument (the tool-call arguments) and may be async. Return a JSON-serialisable value (no functions, cycles or BigInt).
- Available: standard JavaScript built-ins (Math, JSON, Array, Map, RegExp, Date, Promise, ...) and console.log (captured, bounded).
- Not available: require of anything but declared packages, import, process, fs, network (fetch), timers (setTimeout), WebAssembly, environment variables.
- Libraries: ${ALLOWED_PACKAGES.join(", ")}. Declare a library in "packages" to use it; undeclared libraries are unavailable.
  - mathjs: bound as \`math\` (also \`mathjs\`); \`require("mathjs")\` returns it. It cannot be reconfigured or extended (math.config(options), math.import, createUnit and math.on/emit are disabled; its objects are frozen).
  - nerdamer (computer algebra, exact, like sympy): bound as \`cas\` (also \`require("nerdamer")\`); expressions and results are strings in nerdamer syntax ("x^2-5*x+6", "2*sqrt(2)", "1/2"). cas.solve("x^2-5*x+6=0", "x") -> ["2","3"]; cas.solveSystem(["x+y=10","x-y=2"]) -> {x:"6",y:"4"}; cas.simplify/expand/factor(expr); cas.evaluate(expr, {x: 2}) exact; cas.toNumber(expr, vars) -> number; cas.diff/integrate(expr, "x"). Throws CasError; no assignments (":", ":=").
- Each call is fresh: a function cannot see other learned functions, and nothing (globals, prototype changes) survives between calls. Built-in objects are frozen: change your own objects, not shared ones.
- A "pattern" in the arguments schema must be RE2 syntax (no lookaround, no backreferences).
- Limits per call: wall time, memory, stack depth and result size; exceeding one returns an error instead of a value.`;

import { RE2JS } from "re2js";

/**
 * A regular expression that matches in time linear in its input. JSON
 * Schema patterns come from an LLM: run by a backtracking engine, `^(a+)+$`
 * against 31 characters blocks the host for seconds. RE2 (the re2js port)
 * cannot backtrack; it refuses what needs backtracking (lookaround,
 * backreferences) when the pattern is compiled.
 *
 * @example
 * import { LinearRegExpError, linearRegExp } from "./linear-regexp.js";
 * linearRegExp("^(a+)+$").test("a".repeat(31) + "!"); // false, at once
 * try { linearRegExp("(?=a)b"); } catch (e) { console.log(e instanceof LinearRegExpError); } // true
 */
export function linearRegExp(pattern: string): { test(input: string): boolean; toString(): string } {
  let re: RE2JS;
  try {
    re = RE2JS.compile(toRe2Syntax(pattern));
  } catch (e) {
    throw new LinearRegExpError(pattern, (e as Error).message);
  }
  // Ajv shares compiled patterns by their toString(): it must be unique per pattern.
  return { test: (input: string) => re.matcher(input).find(), toString: () => `linearRegExp(${JSON.stringify(pattern)})` };
}

/** `code` lets Ajv name this engine in generated code (it never emits standalone code here). */
linearRegExp.code = "linearRegExp";

/**
 * A pattern the linear-time engine cannot run (it names the pattern and why).
 *
 * @example
 * import { LinearRegExpError, linearRegExp } from "./linear-regexp.js";
 * try { linearRegExp("(a)\\1"); } catch (e) { if (e instanceof LinearRegExpError) console.log(e.pattern); } // "(a)\\1"
 */
export class LinearRegExpError extends Error {
  constructor(readonly pattern: string, reason: string) {
    super(`pattern ${JSON.stringify(pattern)} is not supported (${reason}); patterns must be RE2 syntax, without lookaround or backreferences, so that matching takes linear time`);
    this.name = "LinearRegExpError";
  }
}

/** ECMAScript `\uXXXX` and `\u{X…}` escapes in RE2's `\x{…}` spelling; everything else is left as written. */
function toRe2Syntax(pattern: string): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const rest = pattern.slice(i + 1);
    const braced = /^u\{([0-9a-fA-F]{1,6})\}/.exec(rest) ?? /^u([0-9a-fA-F]{4})/.exec(rest);
    if (braced) {
      out += `\\x{${braced[1]}}`;
      i += braced[0].length;
    } else {
      out += c + (pattern[i + 1] ?? "");
      i += 1;
    }
  }
  return out;
}

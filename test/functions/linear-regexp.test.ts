import { describe, expect, it } from "vitest";
import { LinearRegExpError, linearRegExp } from "../../src/functions/linear-regexp.js";

const refusal = (pattern: string): LinearRegExpError => {
  try {
    linearRegExp(pattern);
  } catch (e) {
    expect(e).toBeInstanceOf(LinearRegExpError);
    return e as LinearRegExpError;
  }
  throw new Error(`expected ${pattern} to be refused`);
};

describe("linearRegExp (JSON Schema patterns in linear time)", () => {
  it("names itself by its pattern, one name per pattern (Ajv shares compiled patterns by name)", () => {
    expect(linearRegExp("^a+$").toString()).toBe('linearRegExp("^a+$")');
    expect(linearRegExp('a"b').toString()).toBe('linearRegExp("a\\"b")');
    expect(linearRegExp("a").toString()).not.toBe(linearRegExp("b").toString());
  });

  it("reads ECMAScript \\uXXXX and \\u{X…} escapes, in either case, and what follows them", () => {
    expect(linearRegExp("^\\u{41}\\u00C9B$").test("AÉB")).toBe(true);
    expect(linearRegExp("^\\u00c9$").test("É")).toBe(true);
    expect(linearRegExp("^\\u{1F600}x$").test("😀x")).toBe(true);
    expect(linearRegExp("^\\u{01F600}$").test("😀")).toBe(true);
    expect(linearRegExp("^\\u0041\\u0042$").test("AB")).toBe(true);
    expect(linearRegExp("^\\u0041\\u0042$").test("A")).toBe(false);
  });

  it("leaves other escapes as written", () => {
    expect(linearRegExp("^\\d+\\.\\d$").test("12.5")).toBe(true);
    expect(linearRegExp("^\\d+\\.\\d$").test("12x5")).toBe(false);
    expect(linearRegExp("^a\\\\$").test("a\\")).toBe(true);
  });

  it("refuses what needs backtracking or is not RE2, naming the pattern and the engine's reason", () => {
    const lookahead = refusal("(?=a)b");
    expect(lookahead.pattern).toBe("(?=a)b");
    expect(lookahead.name).toBe("LinearRegExpError");
    expect(lookahead.message).toBe(
      'pattern "(?=a)b" is not supported (error parsing regexp: invalid or unsupported Perl syntax: `(?=`); patterns must be RE2 syntax, without lookaround or backreferences, so that matching takes linear time',
    );
    expect(refusal("a\\").message).toContain("(error parsing regexp: trailing backslash at end of expression)");
    // Too short for \uXXXX, too long for \u{…}: not rewritten, so RE2 refuses the \u.
    expect(refusal("\\u12").message).toContain("invalid escape sequence: `\\u`");
    expect(refusal("\\u{1234567}").message).toContain("invalid escape sequence: `\\u`");
  });
});

// Presentation-only LaTeX that never changes an answer's value, removed
// before answers are parsed as expressions.

/** Removes a `\command{...}` group (balanced braces) wherever it occurs. */
function removeCommandGroups(input: string, commands: readonly string[]): string {
  let s = input;
  for (const command of commands) {
    for (let at = s.indexOf(command); at >= 0; at = s.indexOf(command, at)) {
      let i = at + command.length;
      while (s[i] === " ") i++;
      if (s[i] !== "{") {
        at += command.length;
        continue;
      }
      let end = matchingBrace(s, i);
      // A unit's exponent (`\mbox{ m}^3`) belongs to the unit, not the number.
      if (end !== -1 && s[end + 1] === "^") end = s[end + 2] === "{" ? matchingBrace(s, end + 2) : end + 2;
      // Unbalanced: the rest stays as written.
      if (end === -1) return s;
      s = s.slice(0, at) + s.slice(end + 1);
    }
  }
  return s;
}

/** Index of the `}` closing the `{` at `open`, or -1. */
export function matchingBrace(s: string, open: number): number {
  let depth = 0;
  // Stryker disable next-line EqualityOperator: s[s.length] is undefined, neither brace, so one more step changes nothing.
  for (let i = open; i < s.length; i++) {
    if (s[i] === "{") depth++;
    else if (s[i] === "}" && --depth === 0) return i;
  }
  return -1;
}

/** `0.1\overline{6}` → `\frac{1}{6}`: a repeating decimal is an exact fraction. */
function repeatingDecimalsToFractions(input: string): string {
  return input.replace(/(\d*)\.(\d*)\\overline\s*\{(\d+)\}/g, (_match, whole: string, fixed: string, cycle: string) => {
    const shift = 10n ** BigInt(fixed.length);
    const period = 10n ** BigInt(cycle.length) - 1n;
    // BigInt("") is 0n: `.\overline{3}` has no whole part, `0.\overline{3}` no fixed digits.
    const numerator = (BigInt(whole) * shift + BigInt(fixed)) * period + BigInt(cycle);
    return `\\frac{${numerator}}{${shift * period}}`;
  });
}

/**
 * Removes presentation-only LaTeX that never changes a value: units in
 * `\text{}`/`\mbox{}`, `\left`/`\right`, spacing, degrees, `%`, `$`, thousands
 * separators (`1{,}000`, `10\,000`, `14,\!400`) and a trailing period.
 */
export function cleanLatex(input: string): string {
  // Thin spaces between digit groups are thousands separators: 10\,000 = 10000.
  let s = repeatingDecimalsToFractions(input).replace(/(\d)(?:\\[,;:!]|[\u2009\u202f])(?=\d{3}(?!\d))/g, "$1");
  s = removeCommandGroups(s, ["\\text", "\\mbox", "\\textbf", "\\textrm", "\\mathrm", "\\textnormal"]);
  s = s
    .replace(/\\(?:left|right|displaystyle)/g, "")
    .replace(/\\!/g, "")
    .replace(/\{,\}/g, ",")
    .replace(/\\[,;: ]/g, " ")
    .replace(/\\[dt]frac/g, "\\frac")
    .replace(/\^\s*\{\s*\\circ\s*\}|\^\s*\\circ|\\circ|°/g, "")
    .replace(/\\?%/g, "")
    .replace(/\\?\$/g, "")
    .trim();
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replaceAll(",", "");
  return s.replace(/\.$/, "").trim();
}


// Writes the labelled answer sets (math.jsonl, gsm8k.jsonl, tabmwp.jsonl) used
// by test/scoring/labelled-agreement.test.ts. Run: npx tsx test/scoring/labelled/generate.ts
//
// Gold answers are the bundled data/ subsets. Model answers are written here:
// each template is a way a model states an answer (box, FINAL ANSWER line,
// prose, markdown, units, other notations) whose label follows from what it
// says — a correct value in another surface form is 1, a different value or
// an approximation of an exact answer is 0 — with the reason a careful
// human grader would give. Hand-written rows at the end of each section
// cover the cases of issue 11 one by one. The scorers are never consulted.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LABELLED_DIR, type LabelledRow } from "./labelled-row.js";

type Row = LabelledRow;

const root = join(LABELLED_DIR, "..", "..", "..");

function readRows(file: string): Record<string, unknown>[] {
  return readFileSync(join(root, "data", file), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const REASONING = [
  "Let me work through this step by step.\n",
  "We set up the equation and simplify.\n",
  "First, organise the given information; then compute.\n",
  "",
];

/** Ways of stating the answer `a` (LaTeX) at the end of a worked solution. */
const MATH_WRAPPERS: ((a: string) => string)[] = [
  (a) => `Therefore the answer is $\\boxed{${a}}$.`,
  (a) => `Putting it together we get the result.\nFINAL ANSWER: $${a}$`,
  (a) => `So the answer is $${a}$.`,
  (a) => `**Final Answer:** ${a}`,
  (a) => `Hence \\[\\boxed{${a}}\\]`,
  (a) => `FINAL ANSWER: ${a}`,
];

function wrapMath(answer: string, k: number): string {
  return `${REASONING[k % REASONING.length]}${MATH_WRAPPERS[k % MATH_WRAPPERS.length]!(answer)}`;
}

function gcd(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : gcd(b, a % b);
}

/** Does n/d have a finite decimal expansion? */
function terminates(d: number): boolean {
  let x = d;
  for (const p of [2, 5]) while (x % p === 0) x /= p;
  return x === 1;
}

function exactDecimal(n: number, d: number): string {
  // d has only factors 2 and 5, so at most ~20 digits are needed.
  for (let digits = 0; digits <= 20; digits++) {
    const scaled = (n * 10 ** digits) / d;
    if (Number.isInteger(scaled)) return (n / d).toFixed(digits);
  }
  throw new Error(`no exact decimal for ${n}/${d}`);
}

function mathRows(): Row[] {
  const rows: Row[] = [];
  const golds = [...new Set(readRows("math/test.jsonl").map((r) => String(r.answer)))];
  golds.forEach((gold, k) => {
    // Every gold answer, stated in one of the ways models state answers.
    rows.push({ gold, answer: wrapMath(gold, k), label: 1, reason: "the gold answer itself, stated as the final answer" });
    const integer = /^-?\d+$/.exec(gold);
    const fraction = /^(-?)\\[dt]?frac\{(\d+)\}\{(\d+)\}$/.exec(gold);
    if (integer) {
      const n = Number(gold);
      rows.push({ gold, answer: wrapMath(String(n + 1), k + 1), label: 0, reason: "off by one: a different integer" });
      if (k % 3 === 0) rows.push({ gold, answer: wrapMath(`${n}.0`, k + 2), label: 1, reason: "the same integer written with .0" });
      if (k % 3 === 1 && n !== 0) rows.push({ gold, answer: wrapMath(String(-n), k + 3), label: 0, reason: "wrong sign" });
      if (k % 3 === 2) {
        rows.push({
          gold,
          answer: `${REASONING[k % 4]}We first get $\\boxed{${n + 2}}$, but that double counts.\nFINAL ANSWER: ${n}`,
          label: 1,
          reason: "a box early in the work is superseded by the later FINAL ANSWER line",
        });
      }
    } else if (fraction) {
      const sign = fraction[1] === "-" ? -1 : 1;
      const n = Number(fraction[2]);
      const d = Number(fraction[3]);
      const signText = sign < 0 ? "-" : "";
      rows.push({ gold, answer: wrapMath(`${signText}${n}/${d}`, k + 1), label: 1, reason: "same fraction with a slash" });
      rows.push({ gold, answer: wrapMath(`${signText}\\dfrac{${n}}{${d}}`, k + 2), label: 1, reason: "same fraction, \\dfrac" });
      if (terminates(d)) {
        rows.push({ gold, answer: wrapMath(`${signText}${exactDecimal(n, d)}`, k + 3), label: 1, reason: "the exact decimal value of the fraction" });
      } else {
        const approx = String((sign * n) / d);
        rows.push({ gold, answer: wrapMath(approx, k + 3), label: 0, reason: "a decimal approximation of a non-terminating fraction; MATH answers are exact" });
        rows.push({ gold, answer: wrapMath((sign * n / d).toFixed(3), k + 4), label: 0, reason: "a rounded decimal for an exact fraction" });
      }
      if (n !== d && n !== 0) rows.push({ gold, answer: wrapMath(`${signText}\\frac{${d}}{${n}}`, k + 5), label: 0, reason: "the reciprocal" });
      if (gcd(n, d) === 1 && n > 0) {
        rows.push({ gold, answer: wrapMath(`${signText}\\frac{${n + 1}}{${d}}`, k + 6), label: 0, reason: "numerator off by one" });
      }
    }
  });
  rows.push(...MATH_HANDWRITTEN);
  return rows;
}

const row = (gold: string, answer: string, label: 0 | 1, reason: string): Row => ({ gold, answer, label, reason });

const MATH_HANDWRITTEN: Row[] = [
  // Exact answers vs decimal approximations
  row("\\pi", "The ratio is $\\boxed{3.14159}$.", 0, "a decimal approximation of pi"),
  row("\\pi", "FINAL ANSWER: 3.141592653589793", 0, "a floating-point approximation of pi"),
  row("\\pi", "FINAL ANSWER: $\\pi$", 1, "pi itself"),
  row("\\frac{1}{3}", "FINAL ANSWER: 0.3333333333333333", 0, "a decimal approximation of 1/3"),
  row("\\frac13", "\\boxed{0.\\overline{3}}", 1, "a repeating decimal is exactly 1/3"),
  row("27000-4500\\pi", "The volume is $\\boxed{12862.83}$ cubic units.", 0, "a rounded value of an exact expression"),
  row("27000-4500\\pi", "FINAL ANSWER: $-4500\\pi + 27000$", 1, "same terms, other order"),
  row("27000-4500\\pi", "FINAL ANSWER: $4500(6-\\pi)$", 1, "factored constant, same value"),
  row("96\\pi+120", "\\boxed{120 + 96\\pi}", 1, "same terms, other order"),
  row("96\\pi+120", "\\boxed{421.59}", 0, "rounded decimal of an exact answer"),
  row("2\\sqrt{2}", "\\boxed{2.828}", 0, "rounded decimal of a radical"),
  row("2\\sqrt{2}", "\\boxed{\\sqrt{8}}", 1, "the same radical, unsimplified"),
  row("\\frac{\\sqrt{3}}{3}", "\\boxed{\\frac{1}{\\sqrt{3}}}", 1, "the same value with an unrationalised denominator"),
  row("\\frac{\\sqrt{3}}{3}", "\\boxed{0.57735}", 0, "decimal approximation of a radical"),
  row("\\frac{1 + \\sqrt{5}}{2}", "FINAL ANSWER: $\\frac{\\sqrt5+1}{2}$", 1, "same expression, terms reordered"),
  row("\\frac{1 + \\sqrt{5}}{2}", "FINAL ANSWER: $\\frac{1 - \\sqrt{5}}{2}$", 0, "the other root"),
  row("2", "\\boxed{\\sqrt[3]{8}}", 1, "cube root of 8 is 2"),
  // Mixed numbers
  row("6\\frac15", "\\boxed{\\frac{31}{5}}", 1, "6 1/5 = 31/5"),
  row("6\\frac15", "\\boxed{6.2}", 1, "6 1/5 = 6.2"),
  row("6\\frac15", "\\boxed{\\frac{6}{5}}", 0, "6 1/5 is not 6/5 (a mixed number, not a product)"),
  row("\\frac{31}{5}", "FINAL ANSWER: $6\\frac{1}{5}$", 1, "mixed number equal to 31/5"),
  row("14\\frac{6}{7}", "\\boxed{\\frac{104}{7}}", 1, "14 6/7 = 104/7"),
  row("14\\frac{6}{7}", "\\boxed{\\frac{84}{7}}", 0, "84/7 = 12 = 14·6/7, the product reading"),
  row("14\\frac{6}{7}", "\\boxed{14.857}", 0, "rounded decimal"),
  // Final statement wins
  row("5", "The first attempt gives \\boxed{4}. Checking again, I made an arithmetic slip.\nFINAL ANSWER: 5", 1, "FINAL ANSWER after an earlier box is the final statement"),
  row("5", "FINAL ANSWER: 4\nWait, recheck: the last step should add 1, so \\boxed{5}", 1, "the later box revises the FINAL ANSWER"),
  row("4", "The first attempt gives \\boxed{4}. Checking again...\nFINAL ANSWER: 5", 0, "the final statement is 5"),
  row("\\frac{6\\sqrt{10}}{7}", "the work... \\boxed{3} wait, actually \\boxed{\\frac{6\\sqrt{10}}{7}}", 1, "last box is the answer"),
  // Unordered answers, sets
  row("1,2", "The roots are $x=2$ and $x=1$.\nFINAL ANSWER: 2, 1", 1, "list of solutions in another order"),
  row("1,2", "FINAL ANSWER: $\\{1, 2\\}$", 1, "solution set"),
  row("1,2", "FINAL ANSWER: 1", 0, "a solution is missing"),
  row("1,2", "FINAL ANSWER: 1, 2, 3", 0, "an extra solution"),
  row("2,6", "\\boxed{6, 2}", 1, "same solutions, other order"),
  row("2,6", "\\boxed{x = 2, x = 6}", 1, "solutions written as equations"),
  row("2,6", "\\boxed{2 \\text{ and } 6}", 1, "listed with 'and'"),
  row("7, -2, \\text{ and } -5", "\\boxed{-5, -2, 7}", 1, "same three solutions, sorted"),
  row("7, -2, \\text{ and } -5", "\\boxed{-5, 2, 7}", 0, "a sign is wrong"),
  row("\\frac{1}{5}, -\\frac{1}{3}", "\\boxed{-\\frac13, 0.2}", 1, "same solutions in another order and notation"),
  row("2, 3, \\frac{1}{2}, \\frac{1}{3}", "\\boxed{\\frac12, \\frac13, 2, 3}", 1, "same four roots"),
  row("-1,0,1", "\\boxed{-1, 1}", 0, "the root 0 is missing"),
  row("0,3a", "\\boxed{3a, 0}", 1, "same solutions reordered"),
  row("(15,-29)", "\\boxed{(-29, 15)}", 0, "an ordered pair in the wrong order"),
  row("(15,-29)", "\\boxed{(15, -29)}", 1, "same ordered pair"),
  row("(-7, 3)", "\\boxed{[-7, 3]}", 0, "closed interval instead of open"),
  row("(-\\infty,4)", "\\boxed{(-\\infty, 4]}", 0, "endpoint included"),
  row("(-\\infty, -5) \\cup (7, \\infty)", "FINAL ANSWER: $(-\\infty,-5)\\cup(7,\\infty)$", 1, "same union of intervals"),
  row("\\left( \\frac{4}{3}, -\\frac{1}{3} \\right)", "\\boxed{(4/3, -1/3)}", 1, "same point with slashes"),
  row("\\left( \\frac{4}{3}, -\\frac{1}{3} \\right)", "\\boxed{(1.33, -0.33)}", 0, "rounded coordinates"),
  row("\\begin{pmatrix} 1/5 \\\\ -18/5 \\end{pmatrix}", "\\boxed{\\begin{pmatrix} \\frac{1}{5} \\\\ -\\frac{18}{5} \\end{pmatrix}}", 1, "same vector"),
  row("\\begin{pmatrix} 1/5 \\\\ -18/5 \\end{pmatrix}", "\\boxed{\\begin{pmatrix} -18/5 \\\\ 1/5 \\end{pmatrix}}", 0, "components swapped"),
  row("\\begin{pmatrix} 2 & 0 \\\\ -3 & 5 \\end{pmatrix}", "\\boxed{\\begin{pmatrix} 2 & 0 \\\\ -3 & 5 \\end{pmatrix}}", 1, "same matrix"),
  row("\\begin{pmatrix} 2 & 0 \\\\ -3 & 5 \\end{pmatrix}", "\\boxed{\\begin{pmatrix} 2 & -3 \\\\ 0 & 5 \\end{pmatrix}}", 0, "the transpose"),
  // Multiple-choice letters
  row("\\text{(E)}", "FINAL ANSWER: E", 1, "same letter"),
  row("\\text{(E)}", "\\boxed{(E)}", 1, "same letter in parentheses"),
  row("\\text{(E)}", "\\boxed{\\textbf{(E)}}", 1, "same letter in bold"),
  row("\\text{(E)}", "\\boxed{\\textbf{(E) }25}", 1, "letter with its option value"),
  row("\\text{(E)}", "\\boxed{(D)}", 0, "another letter"),
  row("\\text{(D)}", "The answer is (D).", 1, "same letter in prose"),
  row("\\text{(D)}", "The answer is (B).", 0, "another letter"),
  row("\\text{C}", "\\boxed{C}", 1, "same letter"),
  row("\\text{C}", "\\boxed{\\text{(A)}}", 0, "another letter"),
  row("A", "\\boxed{\\text{(A)}}", 1, "same letter"),
  row("\\text{A, D, F, G, H}", "\\boxed{\\text{A, D, F, G, H}}", 1, "same letters"),
  row("\\text{A, D, F, G, H}", "\\boxed{A, D, F, G}", 0, "a letter is missing"),
  row("\\text{A,C}", "\\boxed{C, A}", 1, "same letters, other order"),
  // Words
  row("\\text{even}", "\\boxed{\\text{Even}}", 1, "same word, capitalised"),
  row("\\text{even}", "The function is even.", 1, "same word in prose"),
  row("\\text{even}", "\\boxed{\\text{odd}}", 0, "the other parity"),
  row("\\text{even}", "The function is not even.", 0, "negated"),
  row("\\text{odd}", "The function is neither even nor odd.", 0, "neither"),
  row("\\text{odd}", "The function is odd.", 1, "same word in prose"),
  row("\\text{even}", "\\boxed{\\text{neither}}", 0, "a different word"),
  row("\\text{Thursday}", "FINAL ANSWER: Thursday", 1, "same day"),
  row("\\text{Thursday}", "FINAL ANSWER: Friday", 0, "another day"),
  // Polynomials, complex numbers
  row("-11 + 27i", "\\boxed{27i-11}", 1, "same complex number, terms reordered"),
  row("-11 + 27i", "\\boxed{-11-27i}", 0, "the conjugate"),
  row("-11 + 27i", "\\boxed{11 + 27i}", 0, "wrong sign of the real part"),
  row("\\frac{7}{5} + \\frac{1}{5} i.", "\\boxed{\\frac{7+i}{5}}", 1, "same complex number over a common denominator"),
  row("\\frac{7}{5} + \\frac{1}{5} i.", "\\boxed{1.4 + 0.2i}", 1, "exact decimals of the same complex number"),
  row("i \\sqrt{2}", "\\boxed{\\sqrt{2}i}", 1, "same number"),
  row("i \\sqrt{2}", "\\boxed{\\sqrt{-2}}", 1, "principal square root of -2"),
  row("2 + 7i", "\\boxed{2-7i}", 0, "the conjugate"),
  row("z^5-3z^4+6z^3-14z^2+14z-4", "\\boxed{-4+14z-14z^2+6z^3-3z^4+z^5}", 1, "same polynomial in ascending order"),
  row("z^5-3z^4+6z^3-14z^2+14z-4", "\\boxed{z^5-3z^4+6z^3-14z^2+14z+4}", 0, "constant term has the wrong sign"),
  row("2 x^3-10x^2-24x+72", "\\boxed{2x^3 - 10x^2 - 24x + 72}", 1, "same polynomial, spacing"),
  row("-x^7-2x^5+x^2", "\\boxed{x^2 - 2x^5 - x^7}", 1, "same polynomial, reordered"),
  row("6x-5", "\\boxed{-5+6x}", 1, "same linear expression"),
  row("6x-5", "\\boxed{6x+5}", 0, "wrong constant"),
  row("3(x-2)(x+1)", "\\boxed{3(x+1)(x-2)}", 1, "same factors, reordered"),
  row("3(x-2)(x+1)", "\\boxed{3x^2-3x-6}", 0, "the question asks for a factorisation; this is the expanded form"),
  row("(-9x^2+x+2)(9x^2+x+2)", "\\boxed{(9x^2+x+2)(-9x^2+x+2)}", 1, "same factors swapped"),
  row("\\frac{3x^2}{2}", "\\boxed{1.5x^2}", 1, "exact decimal coefficient"),
  row("\\frac{c}{a}", "\\boxed{c/a}", 1, "same quotient with a slash"),
  row("\\frac{c}{a}", "\\boxed{a/c}", 0, "reciprocal"),
  row("3R^2", "\\boxed{3R^2}", 1, "same expression"),
  row("4x^2 -2x + \\frac{3}{2}", "\\boxed{4x^2-2x+1.5}", 1, "exact decimal coefficient"),
  row("y = -2x", "FINAL ANSWER: $y=-2x$", 1, "same equation"),
  row("y = -2x", "FINAL ANSWER: $y=2x$", 0, "wrong slope"),
  row("5x - 7y + 11z + 4 = 0", "\\boxed{5x-7y+11z+4=0}", 1, "same plane equation"),
  row("5x - 7y + 11z + 4 = 0", "\\boxed{5x-7y+11z-4=0}", 0, "wrong constant"),
  // Bases, thousands, thin spaces
  row("4210_7", "\\boxed{4210_{7}}", 1, "same base-7 numeral, braced subscript"),
  row("4210_{7}", "\\boxed{4210_7}", 1, "same base-7 numeral"),
  row("4210_7", "\\boxed{4211_7}", 0, "a different numeral"),
  row("664_7", "FINAL ANSWER: 664", 1, "digits right; the base is the one asked for"),
  row("25_{6}", "\\boxed{25_6}", 1, "same numeral"),
  row("25_{6}", "\\boxed{17}", 0, "the decimal value where the base-6 numeral is asked"),
  row("14,\\!400", "\\boxed{14400}", 1, "same number without separator"),
  row("14,\\!400", "\\boxed{14\\,400}", 1, "thin space as thousands separator"),
  row("14,\\!400", "\\boxed{14,400}", 1, "comma separator"),
  row("14,\\!400", "\\boxed{1,440}", 0, "a tenth of the answer"),
  row("1{,}008{,}016", "\\boxed{1008016}", 1, "same number"),
  row("5,\\!866,\\!608", "\\boxed{5\\,866\\,608}", 1, "thin-space separators"),
  row("10000", "\\boxed{10\\,000}", 1, "thin-space separator"),
  // a+b+c = 5, x = ..., trailing periods, units
  row("5", "\\boxed{a+b+c=5}", 1, "the requested sum stated as an equation"),
  row("5", "\\boxed{a+b+c=6}", 0, "wrong sum"),
  row("7", "\\boxed{k = 7}", 1, "value given as k = 7"),
  row("30^\\circ.", "\\boxed{30^\\circ}", 1, "gold has a trailing period"),
  row("30^\\circ.", "FINAL ANSWER: 30 degrees", 1, "same angle in words"),
  row("30^\\circ.", "FINAL ANSWER: 60 degrees", 0, "another angle"),
  row("\\frac{7}{5} + \\frac{1}{5} i.", "\\boxed{\\frac{7}{5} + \\frac{1}{5} i}", 1, "gold's trailing period is not part of it"),
  row("12\\text{ square units}", "FINAL ANSWER: 12 square units", 1, "same area with its unit"),
  row("12\\text{ square units}", "FINAL ANSWER: 12", 1, "same area without unit"),
  row("99\\pi \\text{ square inches}", "\\boxed{99\\pi}", 1, "same area"),
  row("99\\pi \\text{ square inches}", "\\boxed{311.02}", 0, "decimal approximation"),
  row("\\$6", "FINAL ANSWER: \\$6.00", 1, "same amount"),
  row("\\$15.17", "FINAL ANSWER: $15.17", 1, "same amount"),
  row("\\$15.17", "FINAL ANSWER: 15.18", 0, "a cent off"),
  row("100\\%", "\\boxed{100}", 1, "percent sign dropped"),
  row("45^\\circ", "\\boxed{45}", 1, "degrees implied"),
  row("\\frac{270}7\\text{ degrees}", "\\boxed{\\frac{270}{7}}", 1, "same angle"),
  row("\\frac{270}7\\text{ degrees}", "\\boxed{38.57}", 0, "rounded decimal"),
  // Prose
  row("45", "The answer is 45.", 1, "stated in prose"),
  row("45", "Adding the two parts we get 20 + 25 = 45, so the answer is 45.", 1, "stated in prose after the work"),
  row("45", "The answer is 46.", 0, "wrong value in prose"),
  row("\\frac{1}{2}", "So the probability is $\\frac{1}{2}$. The answer is $\\frac{1}{2}$.", 1, "stated in prose"),
  row("\\frac{9}{2}", "Answer: 4.5", 1, "exact decimal in an Answer: line"),
  // Subtly wrong answers and hedges
  row("5", "\\boxed{5\\text{ or }6}", 0, "two alternatives offered: no committed answer"),
  row("5", "FINAL ANSWER: 5 or 6", 0, "hedged between two values"),
  row("\\frac{1}{2}", "\\boxed{1/2x}", 0, "x/2 is not the number 1/2"),
  row("\\frac{1}{2}", "\\boxed{\\frac{1}{2}x}", 0, "an expression in x, not 1/2"),
  row("\\frac{1}{2}", "\\boxed{-\\frac{1}{2}}", 0, "wrong sign"),
  row("\\frac{1}{2}", "\\boxed{\\frac{2}{4}}", 1, "unreduced but equal"),
  row("\\pi", "\\boxed{2\\pi}", 0, "twice the answer"),
  row("\\pi", "\\boxed{\\frac{22}{7}}", 0, "a rational approximation of pi"),
  row("\\sqrt{2}", "\\boxed{1.414}", 0, "decimal approximation"),
  row("\\sqrt{2}", "\\boxed{\\sqrt{2}}", 1, "same"),
  row("\\sqrt{2}", "\\boxed{2^{1/2}}", 1, "same value as a power"),
  row("\\sqrt{2}", "\\boxed{\\frac{2}{\\sqrt{2}}}", 1, "equal to sqrt 2"),
  row("\\sqrt{2}", "\\boxed{\\pm\\sqrt{2}}", 0, "gives two values"),
  row("3\\sqrt{2}", "\\boxed{\\sqrt{18}}", 1, "same radical"),
  row("3\\sqrt{2}", "\\boxed{\\sqrt{6}}", 0, "different radical"),
  row("100 - 48 \\sqrt{2}", "\\boxed{-48\\sqrt2+100}", 1, "same terms reordered"),
  row("100 - 48 \\sqrt{2}", "\\boxed{100 + 48\\sqrt{2}}", 0, "sign of the radical term"),
  row("\\frac{\\sqrt{65}}{2}", "\\boxed{\\frac{1}{2}\\sqrt{65}}", 1, "same value"),
  row("\\frac{\\sqrt{65}}{2}", "\\boxed{\\sqrt{\\frac{65}{4}}}", 1, "same value under one radical"),
  row("\\frac{\\sqrt{65}}{2}", "\\boxed{\\sqrt{65}}", 0, "twice the answer"),
  row("2\\sqrt{3}-2", "\\boxed{2(\\sqrt{3}-1)}", 1, "same number, a constant factored out"),
  row("2\\sqrt{3}-2", "\\boxed{2-2\\sqrt{3}}", 0, "negated"),
  row("\\frac{3 \\pi}{4}", "\\boxed{\\frac34\\pi}", 1, "same multiple of pi"),
  row("\\frac{3 \\pi}{4}", "\\boxed{135^\\circ}", 0, "degrees where radians are asked"),
  row("\\frac{3 \\pi}{4}", "\\boxed{2.356}", 0, "decimal approximation"),
  row("-\\frac{\\pi}{3}", "\\boxed{-\\pi/3}", 1, "same angle with a slash"),
  row("-\\frac{\\pi}{3}", "\\boxed{\\frac{\\pi}{3}}", 0, "sign"),
  row("25\\pi", "\\boxed{25 \\pi \\text{ square units}}", 1, "same area with unit"),
  row("25\\pi", "\\boxed{78.54}", 0, "rounded decimal"),
  row("48\\pi", "\\boxed{48\\pi}", 1, "same"),
  row("48\\pi", "\\boxed{24\\pi}", 0, "half"),
  row("0.54", "\\boxed{0.540}", 1, "same decimal with trailing zero"),
  row("0.54", "\\boxed{\\frac{27}{50}}", 1, "exact fraction of the decimal"),
  row("0.54", "\\boxed{0.5}", 0, "rounded further"),
  row("2.5", "\\boxed{\\frac{5}{2}}", 1, "same value"),
  row("2.5", "\\boxed{2\\frac{1}{2}}", 1, "mixed number"),
  row("2.5", "\\boxed{2}", 0, "truncated"),
  row(".185", "\\boxed{0.185}", 1, "leading zero added"),
  row(".185", "\\boxed{0.19}", 0, "rounded"),
  row("-0.25", "\\boxed{-\\frac14}", 1, "same value"),
  row("-0.25", "\\boxed{0.25}", 0, "sign"),
  row("13.5", "\\boxed{\\frac{27}{2}}", 1, "same value"),
  row("23.31", "\\boxed{23.3}", 0, "less precise"),
  row("7.2", "\\boxed{7.20}", 1, "trailing zero"),
  row("\\$675", "FINAL ANSWER: $675", 1, "dollar amount"),
  row("\\$675", "FINAL ANSWER: 675 dollars", 1, "amount in words"),
  row("\\$675", "FINAL ANSWER: 6.75", 0, "wrong amount"),
  row("\\$1.17", "FINAL ANSWER: \\$1.17", 1, "same"),
  row("61,328", "\\boxed{61328}", 1, "no separator"),
  row("61,328", "\\boxed{61,329}", 0, "off by one"),
  row("6,\\!000", "\\boxed{6000}", 1, "no separator"),
  row("6,\\!000", "\\boxed{6}", 0, "thousands dropped"),
  row("3:1", "\\boxed{3:1}", 1, "same ratio"),
  row("3:1", "\\boxed{1:3}", 0, "ratio reversed"),
  row("(1,2,3)", "\\boxed{(1, 2, 3)}", 1, "same triple"),
  row("(1,2,3)", "\\boxed{(3,2,1)}", 0, "order matters for a triple"),
  row("(3,-4)", "\\boxed{(3, -4)}", 1, "same point"),
  row("(5,\\infty)", "\\boxed{(5, \\infty)}", 1, "same interval"),
  row("(5,\\infty)", "\\boxed{[5, \\infty)}", 0, "closed at 5"),
  row("(-\\infty,1) \\cup (2,3) \\cup (4,5) \\cup (6,\\infty)", "\\boxed{(-\\infty,1)\\cup(2,3)\\cup(4,5)\\cup(6,\\infty)}", 1, "same union"),
  row("(-\\infty,1) \\cup (2,3) \\cup (4,5) \\cup (6,\\infty)", "\\boxed{(-\\infty,1)\\cup(2,3)\\cup(4,5)}", 0, "a piece is missing"),
  row("\\left( 3, \\frac{\\pi}{2} \\right)", "\\boxed{(3, \\pi/2)}", 1, "same polar point"),
  row("\\left( 3, \\frac{\\pi}{2} \\right)", "\\boxed{(3, 90^\\circ)}", 0, "degrees where radians are asked"),
  row("\\left( 2, \\frac{8 \\pi}{7}, \\frac{7 \\pi}{9} \\right)", "\\boxed{\\left(2, \\frac{8\\pi}{7}, \\frac{7\\pi}{9}\\right)}", 1, "same spherical point"),
  row("\\left( 2, \\frac{8 \\pi}{7}, \\frac{7 \\pi}{9} \\right)", "\\boxed{\\left(2, \\frac{7\\pi}{9}, \\frac{8\\pi}{7}\\right)}", 0, "angles swapped"),
  row("(-4 \\sqrt{3},-4)", "\\boxed{(-4\\sqrt3, -4)}", 1, "same point"),
  row("(-4 \\sqrt{3},-4)", "\\boxed{(-6.93, -4)}", 0, "rounded coordinate"),
  row("\\begin{pmatrix} 0 \\\\ 0 \\\\ 0 \\end{pmatrix}", "\\boxed{\\begin{pmatrix} 0 \\\\ 0 \\\\ 0 \\end{pmatrix}}", 1, "zero vector"),
  row("\\begin{pmatrix} -3 \\\\ 11 \\\\ 7 \\end{pmatrix}", "\\boxed{\\begin{pmatrix} -3 \\\\ 11 \\\\ -7 \\end{pmatrix}}", 0, "a sign"),
  row("\\begin{pmatrix} \\frac{18}{5} \\\\ -\\frac{9}{5} \\end{pmatrix}", "\\boxed{\\begin{pmatrix} 3.6 \\\\ -1.8 \\end{pmatrix}}", 1, "exact decimals"),
  row("\\begin{pmatrix} 4/13 & -6/13 \\\\ -6/13 & 9/13 \\end{pmatrix}", "\\boxed{\\begin{pmatrix} \\frac{4}{13} & -\\frac{6}{13} \\\\ -\\frac{6}{13} & \\frac{9}{13} \\end{pmatrix}}", 1, "same matrix"),
  row("\\begin{pmatrix} 4/13 & -6/13 \\\\ -6/13 & 9/13 \\end{pmatrix}", "\\boxed{\\begin{pmatrix} 0.31 & -0.46 \\\\ -0.46 & 0.69 \\end{pmatrix}}", 0, "rounded entries"),
  row("\\tan 15^\\circ", "\\boxed{\\tan 15^\\circ}", 1, "same"),
  row("\\tan 15^\\circ", "\\boxed{\\tan 75^\\circ}", 0, "different angle"),
  row("2 \\sin 5x \\cos x", "\\boxed{2\\sin 5x \\cos x}", 1, "same"),
  row("2 \\sin 5x \\cos x", "\\boxed{2\\sin 5x \\sin x}", 0, "different function"),
  row("xy", "\\boxed{yx}", 1, "same product"),
  row("xy", "\\boxed{x+y}", 0, "sum instead of product"),
  row("x^3 - 3x^2 + 3x - 3", "\\boxed{x^3-3x^2+3x-3}", 1, "same"),
  row("x^3 - 3x^2 + 3x - 3", "\\boxed{(x-1)^3-2}", 0, "not in the expanded form asked"),
  row("x^3 - 3x^2 + 3x - 3", "\\boxed{x^3-3x^2+3x+3}", 0, "constant sign"),
  row("-12x -3", "\\boxed{-3-12x}", 1, "reordered"),
  row("-12x -3", "\\boxed{-12x+3}", 0, "sign of constant"),
  row("5x^2+21x", "\\boxed{21x+5x^2}", 1, "reordered"),
  row("5x^2+21x", "\\boxed{x(5x+21)}", 0, "factored form where the expanded polynomial is asked"),
  row("-4 - 2i", "\\boxed{-2i-4}", 1, "reordered"),
  row("-4 - 2i", "\\boxed{-4+2i}", 0, "conjugate"),
  row("-1 + i", "\\boxed{i-1}", 1, "reordered"),
  row("-1 + i", "\\boxed{-1}", 0, "imaginary part missing"),
  row("3 + 4i", "\\boxed{4i+3}", 1, "reordered"),
  row("3 + 4i", "\\boxed{(3, 4)}", 0, "a pair, not a complex number"),
  row("8+4i", "\\boxed{4(2+i)}", 1, "same complex number"),
  row("-3 + 8i", "\\boxed{-3 + 8 i}", 1, "spacing"),
  row("2007 + \\frac\\pi 2", "\\boxed{2007+\\frac{\\pi}{2}}", 1, "same"),
  row("2007 + \\frac\\pi 2", "\\boxed{2008.57}", 0, "decimal approximation"),
  row("\\frac{3\\sqrt{3}}{\\pi}", "\\boxed{\\frac{3\\sqrt3}{\\pi}}", 1, "same"),
  row("\\frac{3\\sqrt{3}}{\\pi}", "\\boxed{1.654}", 0, "decimal approximation"),
  row("\\frac{\\sqrt{3}}{4} - \\frac{1}{24}\\pi", "\\boxed{\\frac{\\sqrt3}{4}-\\frac{\\pi}{24}}", 1, "same"),
  row("\\frac{\\sqrt{3}}{4} - \\frac{1}{24}\\pi", "\\boxed{\\frac{6\\sqrt3-\\pi}{24}}", 1, "common denominator"),
  row("\\frac{\\sqrt{3}}{4} - \\frac{1}{24}\\pi", "\\boxed{\\frac{6\\sqrt3+\\pi}{24}}", 0, "sign"),
  row("3 \\sqrt{5} + 2 \\sqrt{10}", "\\boxed{2\\sqrt{10}+3\\sqrt{5}}", 1, "reordered"),
  row("3 \\sqrt{5} + 2 \\sqrt{10}", "\\boxed{5\\sqrt{15}}", 0, "radicals wrongly combined"),
  row("-\\frac{2010012}{2010013}", "\\boxed{\\frac{2010012}{2010013}}", 0, "sign"),
  row("LQSX", "\\boxed{LQSX}", 1, "same letters"),
  row("LQSX", "\\boxed{LSQX}", 0, "letters in a different order"),
  row("\\text{Dana}", "FINAL ANSWER: Dana", 1, "same name"),
  row("\\text{Dana}", "FINAL ANSWER: Dan", 0, "different name"),
  row("0", "\\boxed{0}", 1, "zero"),
  row("0", "\\boxed{-0}", 1, "negative zero is zero"),
  row("0", "\\boxed{O}", 0, "the letter O"),
  row("9", "\\boxed{9}.", 1, "box followed by a period"),
  row("9", "$f(1) = 5\\cdot 1+4 = \\boxed{9}$", 1, "box inside an equation"),
  row("9", "f(1)=9, so FINAL ANSWER: 9", 1, "marker mid-line"),
  row("16", "FINAL ANSWER：16", 1, "full-width colon"),
  row("16", "FINAL ANSWER: **16**", 1, "bold"),
  row("16", "\\boxed 16", 1, "brace-less box"),
  row("16", "\\boxed{ 16 }", 1, "spaces inside the box"),
  row("16", "\\boxed $16$", 1, "box around inline math"),
  row("16", "The answer is $\\boxed{61}$.", 0, "digits swapped"),
  row("16", "We have $b = 16$ or $b=-16$; since b>0, \\boxed{b=16}", 1, "boxed equation with the value"),
  row("16", "### Step 1\nExpand the square.\n### Step 2\nCompare coefficients: $2m = b$ and $m^2 = 64$.\n### Final Answer\n$\\boxed{16}$", 1, "markdown headings with a boxed answer"),
  row("16", "### Step 1\nExpand.\n### Final Answer\n$b = 16$", 1, "value under a Final Answer heading"),
  row("16", "### Step 1\nExpand.\n### Final Answer\n$b = 8$", 0, "wrong value under the heading"),
  row("16", "", 0, "no answer"),
  row("16", "I am not able to solve this problem.", 0, "no answer"),
  row("0", "FINAL ANSWER:", 0, "empty final answer"),
];

function gsm8kRows(): Row[] {
  const rows: Row[] = [];
  const data = [...readRows("gsm8k/test.jsonl"), ...readRows("gsm8k/train.jsonl")];
  data.forEach((r, k) => {
    const gold = String(r.answer);
    const n = Number(gold);
    const work = String(r.solution ?? "").replace(/<<[^>]*>>/g, "");
    const withCommas = n.toLocaleString("en-US");
    switch (k % 5) {
      case 0:
        rows.push({ gold, answer: `${work}\nFINAL ANSWER: ${n}`, label: 1, reason: "worked solution with the right final answer" });
        rows.push({ gold, answer: `${work}\nFINAL ANSWER: ${n + 1}`, label: 0, reason: "final answer off by one" });
        break;
      case 1:
        rows.push({ gold, answer: `${work}\n#### ${withCommas}`, label: 1, reason: "right answer after ####, thousands commas" });
        if (n !== 0) rows.push({ gold, answer: `${work}\nThe answer is ${n * 2}.`, label: 0, reason: "doubled: a different number" });
        break;
      case 2:
        rows.push({ gold, answer: `${work}\nFINAL ANSWER: ${n} (from the steps above: 1 + 2 = 3 checks out)`, label: 1, reason: "the stated answer wins over numbers in the explanation after it" });
        rows.push({ gold, answer: `${work}\nSo the answer is $\\boxed{${n}}$.`, label: 1, reason: "boxed right answer" });
        break;
      case 3:
        rows.push({ gold, answer: `${work}\nThe answer is ${n}.`, label: 1, reason: "right answer in prose" });
        rows.push({ gold, answer: `FINAL ANSWER: ${n - 1}\nCheck: ${n} - 1 = ${n - 1}`, label: 0, reason: "wrong final answer; the gold number only appears in the check" });
        break;
      case 4:
        rows.push({ gold, answer: `**Final Answer:** ${n}.00`, label: 1, reason: "same number with cents" });
        rows.push({ gold, answer: `${work.split("\n")[0] ?? ""}\nFINAL ANSWER: ${n + 10}`, label: 0, reason: "wrong final answer" });
        break;
    }
  });
  rows.push(...GSM8K_HANDWRITTEN);
  return rows;
}

const GSM8K_HANDWRITTEN: Row[] = [
  row("18", "FINAL ANSWER: 18\nHope this helps with step 2!", 1, "numbers after the FINAL ANSWER line are not the answer"),
  row("18", "#### 18\nBecause 3 boxes x 6 = 18 and 2 extra.", 1, "number after #### wins"),
  row("18", "FINAL ANSWER: 18 (3 × 6)", 1, "explanation in parentheses"),
  row("6", "FINAL ANSWER: 18 (3 × 6)", 0, "the answer stated is 18"),
  row("2", "It takes him 2 1/2 seconds.", 0, "the answer is 2 1/2, not 2"),
  row("2", "FINAL ANSWER: 2 1/2 seconds", 0, "the answer is 2 1/2, not 2"),
  row("3", "FINAL ANSWER: 2 1/2 seconds", 0, "2 1/2 is not 3"),
  row("8", "FINAL ANSWER: She has 5 + 3 = 8 apples", 1, "the result of the stated calculation"),
  row("5", "FINAL ANSWER: She has 5 + 3 = 8 apples", 0, "5 is an operand, 8 is the answer"),
  row("1080", "FINAL ANSWER: $1,080.", 1, "dollar amount with comma"),
  row("25", "Total = 20 + 5 = 25 dollars", 1, "the final result"),
  row("45", "The answer is 45.", 1, "prose"),
  row("45", "The answer is 45 apples because 9 x 5 = 45.", 1, "prose with explanation"),
  row("9", "The answer is 45 apples because 9 x 5 = 45.", 0, "9 is a factor, not the answer"),
  row("18", "FINAL ANSWER: 18 or 20", 0, "hedged"),
  row("20", "FINAL ANSWER: 18 or 20", 0, "hedged"),
  row("18", "FINAL ANSWER: 18 hours and 30 minutes", 0, "18.5 hours is not 18"),
  row("18", "FINAL ANSWER: approximately 18", 1, "the number stated"),
  row("18", "FINAL ANSWER: 1.8", 0, "a tenth"),
  row("18", "FINAL ANSWER: 180", 0, "ten times"),
  row("18", "The answer is eighteen (18).", 1, "written out with digits in parentheses"),
  row("1200", "FINAL ANSWER: $1,200.00", 1, "money with cents and comma"),
  row("50", "She saved 50% of her money.\nFINAL ANSWER: 50", 1, "same number"),
  row("35", "Step 1: 20 + 15 = 35\nStep 2: 60 - 35 = 25\nFINAL ANSWER: 35", 1, "the final answer line is 35"),
  row("25", "Step 1: 20 + 15 = 35\nStep 2: 60 - 35 = 25\nFINAL ANSWER: 35", 0, "the final answer line is 35"),
  row("25", "Step 1: 20 + 15 = 35\nStep 2: 60 - 35 = 25", 1, "no marker: the last computed number"),
  row("25", "Step 1: 20 + 15 = 35\nStep 2: 60 - 35 = 25\n#### 25", 1, "#### line"),
  row("14", "Raymond's son was born 14 years ago.", 1, "stated in a sentence"),
  row("14", "Raymond's son was born 17 years ago.", 0, "wrong number"),
  row("3", "FINAL ANSWER: 3/4", 0, "3/4 is not 3"),
  row("4", "FINAL ANSWER: 3/4", 0, "3/4 is not 4"),
  row("12", "FINAL ANSWER: 12\n\nExplanation: 4 bags x 3 apples = 12 apples; 2 more would be 14.", 1, "explanation after the answer"),
  row("-5", "The temperature drops to -5 degrees.\nFINAL ANSWER: -5", 1, "negative number"),
  row("5", "The temperature drops to -5 degrees.\nFINAL ANSWER: -5", 0, "sign"),
  row("14", "#### Step 1: Find the cost\n3 x 4 = 12\n#### Step 2: Add the tax\n12 + 2 = 14\nThe total is 14.", 1, "markdown headings, then the total"),
  row("1", "#### Step 1: Find the cost\n3 x 4 = 12\n#### Step 2: Add the tax\n12 + 2 = 14\nThe total is 14.", 0, "1 is a step number"),
  row("14", "### Working\n12 + 2 = 14\n### Final Answer\n14", 1, "answer under a Final Answer heading"),
  row("12", "### Working\n12 + 2 = 14\n### Final Answer\n14", 0, "the answer under the heading is 14"),
  row("14", "I don't know.", 0, "no answer"),
  row("14", "", 0, "empty"),
  row("0", "FINAL ANSWER: 0", 1, "zero"),
  row("-3", "FINAL ANSWER: -3", 1, "negative"),
  row("3", "FINAL ANSWER: -3", 0, "sign"),
  row("15", "FINAL ANSWER: 15.5", 0, "not 15"),
  row("1007", "3 + 4 = 7, so the total is $1,007.", 1, "last number"),
  row("72", "\\boxed{72} (checked 3 times)", 1, "boxed answer wins over the later 3"),
  row("3", "\\boxed{72} (checked 3 times)", 0, "the boxed answer is 72"),
  row("460", "FINAL ANSWER: 460 minutes, which is 7 hours 40 minutes", 1, "the stated number, then a conversion"),
  row("7", "FINAL ANSWER: 460 minutes, which is 7 hours 40 minutes", 0, "the answer stated is 460"),
];

function tabmwpRows(): Row[] {
  const rows: Row[] = [];
  const data = [...readRows("tabmwp/test.jsonl"), ...readRows("tabmwp/train.jsonl")];
  data.forEach((r, k) => {
    const gold = String(r.answer);
    const choices = (r.choices as string[] | null) ?? null;
    const unit = (r.unit as string | null) ?? null;
    const base = { choices, unit };
    if (choices) {
      const index = choices.indexOf(gold);
      const letter = "ABCDEFGH"[index] ?? "A";
      const other = choices.find((c) => c !== gold) ?? "";
      const otherLetter = "ABCDEFGH"[choices.indexOf(other)] ?? "B";
      rows.push({ gold, answer: `FINAL ANSWER: ${gold}`, label: 1, reason: "the right option's text", ...base });
      rows.push({ gold, answer: `Looking at the table, the answer is (${letter}).`, label: 1, reason: "the right option's letter", ...base });
      rows.push({ gold, answer: `FINAL ANSWER: **${gold}**`, label: 1, reason: "the right option in bold", ...base });
      rows.push({ gold, answer: `FINAL ANSWER: ${other}`, label: 0, reason: "another option", ...base });
      if (k % 2 === 0) rows.push({ gold, answer: `FINAL ANSWER: (${otherLetter})`, label: 0, reason: "another option's letter", ...base });
      if (gold === "yes" || gold === "no") {
        const sentence = gold === "yes" ? "Yes, there is enough money for both." : "No, there is not enough money for both.";
        rows.push({ gold, answer: sentence, label: 1, reason: "the option stated in a sentence", ...base });
        const wrong = gold === "yes" ? "No, there is not enough money." : "Yes, there is enough money.";
        rows.push({ gold, answer: wrong, label: 0, reason: "the other option stated in a sentence", ...base });
      } else if (!/\d/.test(gold)) {
        rows.push({ gold, answer: `The answer is ${gold}.`, label: 1, reason: "the right option in a sentence", ...base });
        rows.push({ gold, answer: `It is not ${gold}.`, label: 0, reason: "the sentence negates the gold option", ...base });
      }
      return;
    }
    const slash = /^(\d+)\/(\d+)$/.exec(gold);
    if (slash) {
      rows.push({ gold, answer: `FINAL ANSWER: ${gold}`, label: 1, reason: "same fraction", ...base });
      rows.push({ gold, answer: `The probability is $\\frac{${slash[1]}}{${slash[2]}}$.`, label: 1, reason: "same fraction in LaTeX", ...base });
      rows.push({ gold, answer: `FINAL ANSWER: $\\dfrac{${slash[1]}}{${slash[2]}}$`, label: 1, reason: "same fraction, \\dfrac", ...base });
      rows.push({ gold, answer: `FINAL ANSWER: ${slash[2]}/${slash[1]}`, label: 0, reason: "the reciprocal", ...base });
      return;
    }
    const value = Number(gold.replaceAll(",", ""));
    const money = unit === "$";
    const shown = money ? `$${gold}` : gold;
    const unitWord = unit && !money ? ` ${unit}` : "";
    rows.push({ gold, answer: `FINAL ANSWER: ${shown}${unitWord}`, label: 1, reason: "the right number (with its unit)", ...base });
    rows.push({ gold, answer: `Adding the column gives the total.\nThe answer is ${shown}.`, label: 1, reason: "the right number in prose", ...base });
    if (Number.isInteger(value)) {
      rows.push({ gold, answer: `FINAL ANSWER: ${value + 1}`, label: 0, reason: "off by one", ...base });
      rows.push({ gold, answer: `FINAL ANSWER: ${value} things in all`, label: 1, reason: "the right number with a unit word the unit field lacks", ...base });
      if (value >= 1000) rows.push({ gold, answer: `FINAL ANSWER: ${value.toLocaleString("en-US")}`, label: 1, reason: "thousands comma", ...base });
    } else {
      if (/\.\d*0$/.test(gold)) rows.push({ gold, answer: `FINAL ANSWER: ${shown.replace(/0$/, "")}`, label: 1, reason: "trailing zero dropped", ...base });
      rows.push({ gold, answer: `FINAL ANSWER: ${(value + 0.1).toFixed(2)}`, label: 0, reason: "ten cents off", ...base });
    }
  });
  rows.push(...TABMWP_HANDWRITTEN);
  return rows;
}

const tab = (gold: string, answer: string, label: 0 | 1, reason: string, choices: string[] | null = null, unit: string | null = null): Row => ({
  gold,
  answer,
  label,
  reason,
  choices,
  unit,
});

const MONTHS = ["December", "January", "February", "March"];
const YES_NO = ["yes", "no"];
const TABMWP_HANDWRITTEN: Row[] = [
  tab("Valentina", "FINAL ANSWER: **Valentina**", 1, "bold name", ["Valentina", "Tom"]),
  tab("Valentina", "**Valentina**", 1, "bold name alone", ["Valentina", "Tom"]),
  tab("Valentina", "**Tom**", 0, "the other name", ["Valentina", "Tom"]),
  tab("20", "FINAL ANSWER: 20 silver buttons", 1, "number with a unit word"),
  tab("20", "There are 20 silver buttons in 4 bags.", 1, "the count asked for, stated in a sentence"),
  tab("5/18", "FINAL ANSWER: $\\dfrac{5}{18}$", 1, "dfrac"),
  tab("yes", "Yes, Emma has enough money.", 1, "yes in a sentence", YES_NO),
  tab("no", "No, she does not have enough.", 1, "no in a sentence", YES_NO),
  tab("yes", "No, she does not have enough.", 0, "says no", YES_NO),
  tab("March", "The company made the most tractors in March.", 1, "option named in a sentence", MONTHS),
  tab("March", "It was not March.", 0, "the sentence negates the option", MONTHS),
  tab("March", "The most tractors were not made in March but in February.", 0, "negates March, names February", MONTHS),
  tab("February", "The most tractors were not made in March but in February.", 1, "names February, rules out March", MONTHS),
  tab("March", "FINAL ANSWER: February", 0, "another month", MONTHS),
  tab("1:15 P.M.", "FINAL ANSWER: 1:15 P.M.", 1, "same time", ["1:15 P.M.", "1:45 P.M.", "11:00 A.M.", "10:45 A.M."]),
  tab("1:15 P.M.", "FINAL ANSWER: 1:45 P.M.", 0, "another time", ["1:15 P.M.", "1:45 P.M.", "11:00 A.M.", "10:45 A.M."]),
  tab("3.60", "FINAL ANSWER: $3.60", 1, "dollar amount", null, "$"),
  tab("3.60", "FINAL ANSWER: 3.6", 1, "same amount", null, "$"),
  tab("3.60", "FINAL ANSWER: 36", 0, "ten times", null, "$"),
  tab("12", "FINAL ANSWER: 12 pages", 1, "unit word", null, "pages"),
  tab("20", "FINAL ANSWER: 20 or 21", 0, "hedged"),
  tab("21", "FINAL ANSWER: 20 or 21", 0, "hedged"),
  tab("swing dance class", "FINAL ANSWER: the dance class", 0, "does not pick one of the dance classes", ["swing dance class", "hip hop dance class", "beginning ballet class", "western dance class"]),
  tab("swing dance class", "FINAL ANSWER: swing", 1, "names the only option with 'swing'", ["swing dance class", "hip hop dance class", "beginning ballet class", "western dance class"]),
  tab("Reardon Corporation", "Reardon Corp", 1, "abbreviated name of the right option", ["Henderson Co.", "Brave New Day Corporation", "Reardon Corporation", "Tad's Coffee Company"]),
  tab("Reardon Corporation", "Corporation", 0, "two options are corporations", ["Henderson Co.", "Brave New Day Corporation", "Reardon Corporation", "Tad's Coffee Company"]),
  tab("Reardon Corporation", "FINAL ANSWER: Henderson Co.", 0, "another option", ["Henderson Co.", "Brave New Day Corporation", "Reardon Corporation", "Tad's Coffee Company"]),
  tab("2 hours and 45 minutes", "FINAL ANSWER: 2 hours and 45 minutes", 1, "same option", ["15 minutes", "2 hours and 30 minutes", "1 hour and 45 minutes", "2 hours and 45 minutes"]),
  tab("2 hours and 45 minutes", "FINAL ANSWER: 2 hours and 30 minutes", 0, "another option", ["15 minutes", "2 hours and 30 minutes", "1 hour and 45 minutes", "2 hours and 45 minutes"]),
  tab("2 hours and 45 minutes", "FINAL ANSWER: (D)", 1, "letter of the right option", ["15 minutes", "2 hours and 30 minutes", "1 hour and 45 minutes", "2 hours and 45 minutes"]),
  tab("yes", "FINAL ANSWER: Yes.", 1, "yes with a period", YES_NO),
  tab("yes", "FINAL ANSWER: yes or no", 0, "both options", YES_NO),
  tab("no", "Emma does not have enough money, so no.", 1, "concludes no", YES_NO),
  tab("yes", "Emma does not have enough money, so no.", 0, "concludes no", YES_NO),
  tab("0.75", "FINAL ANSWER: 3/4", 1, "same value as a fraction"),
  tab("0.75", "FINAL ANSWER: 0.7", 0, "rounded"),
  tab("5/17", "FINAL ANSWER: 5/17", 1, "same fraction"),
  tab("5/17", "FINAL ANSWER: 5/7", 0, "different fraction"),
  tab("1/3", "FINAL ANSWER: $\\frac{1}{3}$", 1, "same fraction"),
  tab("1/3", "FINAL ANSWER: 1/4", 0, "different fraction"),
  tab("1,204", "The answer is 1,204.", 1, "same number with comma"),
  tab("1,204", "FINAL ANSWER: 1204", 1, "same number without comma"),
  tab("1,204", "FINAL ANSWER: 1,240", 0, "digits swapped"),
  tab("-3", "The change was -3 kilograms.", 1, "negative change"),
  tab("-3", "The change was 3 kilograms.", 0, "sign"),
  tab("10.40", "FINAL ANSWER: $10.40", 1, "money", null, "$"),
  tab("10.40", "FINAL ANSWER: $10.04", 0, "different amount", null, "$"),
  tab("Thursday", "FINAL ANSWER: **Thursday**", 1, "bold", ["Wednesday", "Thursday", "Friday", "Saturday"]),
  tab("Thursday", "The answer is (B) Thursday.", 1, "letter and text agree", ["Wednesday", "Thursday", "Friday", "Saturday"]),
  tab("Thursday", "Not Thursday; the answer is Friday.", 0, "rules out Thursday and names Friday", ["Wednesday", "Thursday", "Friday", "Saturday"]),
  tab("12", "", 0, "no answer"),
  tab("12", "I cannot read the table.", 0, "no answer"),
];

const out = (name: string, rows: Row[]): void => {
  writeFileSync(join(LABELLED_DIR, `${name}.jsonl`), rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  console.log(`${name}: ${rows.length} rows`);
};

out("math", mathRows());
out("gsm8k", gsm8kRows());
out("tabmwp", tabmwpRows());

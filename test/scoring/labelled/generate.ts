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
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

interface Row {
  gold: string;
  answer: string;
  label: 0 | 1;
  reason: string;
  choices?: string[] | null;
  unit?: string | null;
}

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");

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
  tab("12", "", 0, "no answer"),
  tab("12", "I cannot read the table.", 0, "no answer"),
];

const out = (name: string, rows: Row[]): void => {
  writeFileSync(join(here, `${name}.jsonl`), rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  console.log(`${name}: ${rows.length} rows`);
};

out("math", mathRows());
out("gsm8k", gsm8kRows());
out("tabmwp", tabmwpRows());

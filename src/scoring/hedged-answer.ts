// "18 or 20", "5\text{ or }6": a reply that offers alternatives has not
// committed to an answer, so it must not be graded correct because one of the
// alternatives happens to be the gold answer. `\text{ or }` needs no pattern
// of its own: its "or" is a whole word too.
const ALTERNATIVES = /\b(?:or|either)\b/i;

/**
 * True when `answer` offers alternatives ("18 or 20") that `gold` does not.
 *
 * @example
 * import { offersAlternatives } from "toolforge";
 * offersAlternatives("18 or 20", "18"); // true
 * offersAlternatives("18", "18"); // false
 */
export function offersAlternatives(answer: string, gold: string): boolean {
  return /\d/.test(answer) && ALTERNATIVES.test(answer) && !ALTERNATIVES.test(gold);
}

// Scorers: plain functions returning { score in [0, 1], feedback? }.
export { extractBoxed, extractFinalAnswer } from "./extract-answer.js";
export { normalizeMathAnswer, isMathEquivalent } from "./math-equivalence.js";
export { latexToMathjs, evaluateLatexNumber, numbersClose, numericallyEquivalent } from "./math-numeric.js";
export { expressionsEquivalent } from "./expression-equivalence.js";
export { parseLatexExpression, type LatexNode } from "./latex-expression.js";
export { requireGold } from "./gold-answer.js";
export { offersAlternatives } from "./hedged-answer.js";
export { scoreMath } from "./score-math.js";
export {
  normalizeTabMWPAnswer,
  matchChoice,
  extractTabMWPNumber,
  scoreTabMWP,
  type TabMWPScoreOptions,
} from "./tabmwp.js";
export { lastNumber, scoreGSM8K } from "./score-gsm8k.js";
export { scoreExactMatch } from "./score-exact.js";
export { feedbackFor } from "./feedback.js";
export { scoreGaia, gaiaQuasiExactMatch } from "./score-gaia.js";

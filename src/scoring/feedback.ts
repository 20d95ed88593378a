/** Longest answer quoted in feedback; long predictions are cut so transcripts stay small. */
const MAX_QUOTED = 80;

function quote(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > MAX_QUOTED ? `${oneLine.slice(0, MAX_QUOTED)}…` : oneLine;
}

/**
 * The short feedback line scorers attach to a wrong answer.
 *
 * @example
 * import { feedbackFor } from "toolforge";
 * feedbackFor("5", "6"); // "expected 5, got 6"
 * feedbackFor("5", ""); // "expected 5, got no answer"
 */
export function feedbackFor(expected: string, got: string): string {
  return `expected ${quote(expected)}, got ${got.trim() === "" ? "no answer" : quote(got)}`;
}

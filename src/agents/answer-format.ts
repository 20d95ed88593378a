/**
 * Answer-format rules of App. D.2 (arXiv 2402.11359), shared by both built-in
 * agents so that scorers see the same answer shape whatever the agent.
 *
 * @example
 * import { ANSWER_FORMAT_RULES } from "toolforge";
 * console.log(ANSWER_FORMAT_RULES.includes("FINAL ANSWER")); // true
 */
export const ANSWER_FORMAT_RULES = [
  "YOUR FINAL ANSWER should be a number OR as few words as possible OR a comma separated list of numbers and/or strings.",
  "If you are asked for a number, don't use comma to write your number neither use units such as $ or percent sign unless specified otherwise. " +
    "If you are asked for a string, don't use articles, neither abbreviations (e.g. for cities), and write the digits in plain text unless specified otherwise. " +
    "If you are asked for a comma separated list, apply the above rules depending of whether the element to be put in the list is a number or a string.",
].join("\n\n");

/**
 * Default system prompt of the tool-calling agent: use the functions, then
 * end with a `FINAL ANSWER:` line that follows {@link ANSWER_FORMAT_RULES}.
 *
 * @example
 * import { TOOL_CALLING_SYSTEM_PROMPT } from "toolforge";
 * console.log(TOOL_CALLING_SYSTEM_PROMPT.split("\n")[0]);
 */
export const TOOL_CALLING_SYSTEM_PROMPT = [
  "Answer the following question using your coding skills and the functions you are given. " +
    "Call a function whenever it helps; read its result before continuing.",
  ANSWER_FORMAT_RULES,
  "When you are done, reply with a last line of the form:\nFINAL ANSWER: <the final answer to the original question>",
].join("\n\n");

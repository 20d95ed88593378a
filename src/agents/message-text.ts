import type { BaseMessage } from "@langchain/core/messages";

/**
 * The plain text of a message, whatever its content shape (string or content
 * blocks); non-text blocks are skipped.
 *
 * @example
 * import { AIMessage } from "@langchain/core/messages";
 * import { messageText } from "toolforge";
 * messageText(new AIMessage({ content: [{ type: "text", text: "hi" }] })); // "hi"
 */
export function messageText(message: Pick<BaseMessage, "content">): string {
  return contentText(message.content);
}

/**
 * {@link messageText} for a raw `content` value (as stored in serialised messages).
 *
 * @example
 * import { contentText } from "toolforge";
 * contentText([{ type: "text", text: "a" }, { type: "text", text: "b" }]); // "ab"
 */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return content == null ? "" : JSON.stringify(content);
  return content
    .map((block) => {
      if (typeof block === "string") return block;
      if (block && typeof block === "object" && "text" in block && typeof block.text === "string") return block.text;
      return "";
    })
    .join("");
}

import { contentText } from "../agents/message-text.js";
import type { ScriptedMessage } from "../testing/index.js";

/**
 * The text of a chat message's content (string or content-part array).
 *
 * @example
 * import { messageContentText } from "toolforge";
 * messageContentText({ role: "user", content: [{ type: "text", text: "hi" }] }); // "hi"
 */
export function messageContentText(message: Pick<ScriptedMessage, "content">): string {
  return contentText(message.content);
}

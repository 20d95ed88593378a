/**
 * Escapes text for HTML element content and double-quoted attributes, so
 * learned code and model output (untrusted) can never inject markup.
 *
 * @example
 * import { escapeHtml } from "toolforge";
 * escapeHtml('<script>alert("x")</script>'); // "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
}

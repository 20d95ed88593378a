/**
 * Reads a possibly dotted field path (`"meta.answer"`, `"choices.0"`) from a
 * row. Returns `undefined` when any segment is missing. A key that itself
 * contains dots is found when it exists verbatim.
 *
 * @example
 * import { getFieldPath } from "toolforge";
 * getFieldPath({ a: { b: 3 } }, "a.b"); // 3
 */
export function getFieldPath(row: unknown, path: string): unknown {
  if (row !== null && typeof row === "object" && path in row) return (row as Record<string, unknown>)[path];
  let current: unknown = row;
  for (const segment of path.split(".")) {
    if (current === null || typeof current !== "object" || !(segment in current)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

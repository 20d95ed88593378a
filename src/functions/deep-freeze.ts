/**
 * Freezes a plain JSON value and everything inside it; returns it. Its
 * callers pass fresh copies without cycles (checked JSON, `structuredClone`).
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

// Vitest global setup: tests run the real bin, which runs only compiled
// JavaScript, so dist/ must match src/ before any test starts.
import { buildIfStale } from "../../scripts/build-if-stale.mjs";

export default function setup(): void {
  buildIfStale();
}

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { wrapCasBundle } from "./guest-cas.js";
import type { AllowedPackage } from "./libraries.js";

/** Prebuilt browser (UMD) bundle of each allow-listed package, as a module specifier. */
const BUNDLES: Record<AllowedPackage, string> = {
  mathjs: "mathjs/lib/browser/math.js",
  nerdamer: "nerdamer/all.min.js",
};

/** Packages evaluated inside a wrapper instead of as a plain global script. */
const WRAPPERS: Partial<Record<AllowedPackage, (bundle: string) => string>> = {
  nerdamer: wrapCasBundle,
};

const cache = new Map<string, string>();

/**
 * The file of an allow-listed package's bundle (what `loadLibrarySource` reads).
 *
 * @example
 * import { librarySourcePath } from "./library-sources.js";
 * librarySourcePath("mathjs").endsWith("math.js"); // true
 */
export function librarySourcePath(name: AllowedPackage): string {
  return createRequire(import.meta.url).resolve(BUNDLES[name]);
}

/**
 * Reads the browser bundle of an allow-listed package (cached per thread).
 * Evaluated as a global script, each bundle defines one global that the
 * guest bootstrap then hides behind `require`/parameters (nerdamer's is a
 * facade built by guest-cas.ts).
 *
 * @example
 * import { loadLibrarySource } from "./library-sources.js";
 * loadLibrarySource("mathjs").length > 100_000; // true
 */
export function loadLibrarySource(name: AllowedPackage): string {
  let source = cache.get(name);
  if (source === undefined) {
    source = readFileSync(librarySourcePath(name), "utf8");
    const wrap = WRAPPERS[name];
    if (wrap) source = wrap(source);
    cache.set(name, source);
  }
  return source;
}

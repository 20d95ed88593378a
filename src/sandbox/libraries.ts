/**
 * Libraries learned functions may use. Each is loaded once per sandbox
 * runtime from a prebuilt browser bundle; nothing else can be imported.
 * `nerdamer` (computer algebra) is reached through a facade bound as `cas`
 * (guest-cas.ts) and is loaded only once a call declares it.
 *
 * @example
 * import { ALLOWED_PACKAGES } from "toolforge";
 * console.log(ALLOWED_PACKAGES.includes("mathjs")); // true
 */
export const ALLOWED_PACKAGES = ["mathjs", "nerdamer"] as const;

/**
 * Name of an allow-listed library.
 *
 * @example
 * import type { AllowedPackage } from "toolforge";
 * const pkg: AllowedPackage = "mathjs";
 */
export type AllowedPackage = (typeof ALLOWED_PACKAGES)[number];

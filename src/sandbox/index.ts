export type * from "./types.js";
export * from "./libraries.js";

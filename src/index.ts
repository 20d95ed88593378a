// The public surface of toolforge. Each folder owns its own index.ts.
export * from "./errors.js";
export * from "./defaults.js";
export * from "./functions/index.js";
export * from "./sandbox/index.js";
export * from "./models/index.js";
export * from "./datasets/index.js";
export * from "./scoring/index.js";
export * from "./agents/index.js";
export * from "./teams/index.js";
export * from "./evaluation/index.js";
export * from "./optimizer/index.js";
export * from "./training/index.js";
export * from "./report/index.js";
export * from "./tracing/index.js";
export * from "./checkpoint/index.js";
export * from "./cli/index.js";
export * from "./demo/index.js";

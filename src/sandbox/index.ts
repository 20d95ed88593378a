export type * from "./types.js";
export * from "./libraries.js";
export { createSandbox, type SandboxWithStats } from "./create-sandbox.js";
export { SandboxError } from "./errors.js";
export { SANDBOX_GUEST_GUIDE } from "./guest-guide.js";
export type { CapabilityHandler } from "./capability-channel.js";

export { checkpointerRecords, createCheckpointer, parseCheckpointerSpec, type CheckpointerKind, type CreateCheckpointerOptions, type OpenedCheckpointer } from "./create-checkpointer.js";
export { CheckpointerError } from "./errors.js";
export { redactConnectionString } from "./redact.js";

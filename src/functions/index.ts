export type { FunctionSpec, FunctionSpecInput, FunctionParameters, JSONSchema } from "./function-spec.js";
export { FunctionSpecError, ToolsetFileError, FunctionCallError, type FunctionSpecField } from "./errors.js";
export { validateFunctionSpec, type ValidateFunctionSpecOptions } from "./validate-function-spec.js";
export { Toolset, type ToolsetReadOptions, type ToolsetToolsOptions } from "./toolset.js";
export { roleNameProblem } from "./check-roles.js";
export { TOOLSET_FORMAT, TOOLSET_VERSION, READABLE_TOOLSET_VERSIONS, type ToolsetFile, type ToolsetMetadata } from "./toolset-file.js";
export { diffToolsets, formatToolsetDiff, type ToolsetDiff, type FunctionRevision, type RevisedField } from "./toolset-diff.js";
export { renderSignatures } from "./render-signatures.js";
export { emitTools, formatValue, formatError, type ToToolsOptions, type FunctionToolOutput } from "./emit-tools.js";

// Offline testing kit, exported as `toolforge/testing`.
export { startScriptedServer } from "./scripted-server.js";
export { scriptedSequence, scriptedModelSpec } from "./scripted-helpers.js";
export type {
  ScriptedMessage,
  ScriptedReply,
  ScriptedRequest,
  ScriptedResponder,
  ScriptedServer,
  ScriptedServerOptions,
  ScriptedToolDefinition,
} from "./types.js";
export { startFaultProxy, FAULT_KINDS, type FaultKind, type FaultLogEntry, type FaultProxy, type FaultProxyOptions } from "./fault-proxy.js";
export { freeLoopbackPort } from "./free-port.js";

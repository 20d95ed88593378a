// DEMO MODE: scripted agent/optimizer policies and the `toolforge demo` runner.
// Nothing here is used by training itself; the demo wires it in explicitly.
export { DEMO_TASK_IDS, loadDemoData, planFromSolution, type DemoData, type DemoPlan } from "./demo-data.js";
export { DEMO_FUNCTIONS, BAD_REVISION_MARKER } from "./demo-functions.js";
export { createDemoAgentPolicy, arithmeticSlip } from "./scripted-agent.js";
export { createDemoOptimizerPolicy, demoOptimizerMove, type DemoOptimizerMove } from "./scripted-optimizer.js";
export { messageContentText } from "./request-text.js";
export { runDemo, demoConfig, type DemoOptions, type DemoResult, type HeldOutAnswer } from "./run-demo.js";
export { DEMO_CONFIG_NOTE } from "./demo-note.js";
export { startDemoServer, DEMO_MODELS } from "./demo-server.js";
export { SCRIPTED_DEMO_SPEC, SCRIPTED_MODELS_NOTE, isScriptedModelSpec, startScriptedModels } from "./scripted-models.js";
export { demoIntro } from "./demo-intro.js";

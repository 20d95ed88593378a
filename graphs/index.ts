// `toolforge/graphs`: the graphs of the repository's langgraph.json, for a
// user's own langgraph.json (point it at a file that re-exports them).
export { graph as agentTraining } from "./agent-training.js";
export { graph as trainedAgent, TrainedAgentContextSchema, trainedAgentSettings, type TrainedAgentSettings } from "./trained-agent.js";
export { AgentTrainingStateSchema, ModelSpecSchema, TrainingInputSchema, TrainingOutputSchema } from "./training-schemas.js";
export { resolveTrainingRequest, type TrainingRequest } from "./training-request.js";

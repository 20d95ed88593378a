// The testing kit's helper, under the name the ecosystem tests use.
export { freeLoopbackPort as freePort } from "../../../src/testing/free-port.js";

import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { LANGGRAPH_DEV_DIR } from "./langgraph-dev.js";
import { missingSetup } from "./setup-hint.js";

type Sdk = typeof import("@langchain/langgraph-sdk");

/**
 * The `@langchain/langgraph-sdk` installed with the dev server in
 * tools/langgraph-dev (the version the server speaks); types come from the
 * root copy, whose client API is the same.
 */
export async function loadLangGraphSdk(): Promise<Sdk> {
  let entry: string;
  try {
    entry = createRequire(`${LANGGRAPH_DEV_DIR}/package.json`).resolve("@langchain/langgraph-sdk");
  } catch {
    throw missingSetup("@langchain/langgraph-sdk (tools/langgraph-dev)");
  }
  // require.resolve picks the CommonJS entry; the ESM one sits beside it.
  return (await import(pathToFileURL(entry.replace(/\.cjs$/, ".js")).href)) as Sdk;
}

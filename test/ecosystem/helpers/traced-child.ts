import { spawn } from "node:child_process";
import { compiledFixture } from "../../helpers/compiled-fixture.js";

/**
 * Runs a fixture script in a child process with LangSmith tracing switched on
 * by the environment only, uploads going to `langsmithUrl`; the scripted
 * models are at BASE_URL. Resolves with the exit code and stderr.
 */
export async function runTracedChild(fixture: string, baseURL: string, langsmithUrl: string): Promise<{ code: number | null; stderr: string }> {
  const env = {
    ...process.env,
    BASE_URL: baseURL,
    LANGSMITH_TRACING: "true",
    LANGSMITH_ENDPOINT: langsmithUrl,
    LANGSMITH_API_KEY: "fake-key-for-test",
    LANGSMITH_PROJECT: "toolforge-test",
    // Upload before the process exits.
    LANGCHAIN_CALLBACKS_BACKGROUND: "false",
  };
  const child = spawn(process.execPath, [compiledFixture(fixture)], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { code, stderr };
}

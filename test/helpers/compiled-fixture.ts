import { existsSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

const ROOT = join(import.meta.dirname, "..", "..");
/**
 * A mirror of the repository for compiled fixtures: `test/…` holds the
 * transpiled fixture files, `src` links to the compiled product (dist/src),
 * so a fixture's `../../../src/x/index.js` loads what the published bin runs.
 * Under node_modules/.cache, so git and the build ignore it.
 */
const MIRROR = join(ROOT, "node_modules", ".cache", "toolforge-test-fixtures");

/** Writes `text` to `file` unless it already holds it; atomic (another vitest worker may write it too). */
function writeIfChanged(file: string, text: string): void {
  if (existsSync(file) && readFileSync(file, "utf8") === text) return;
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}

function prepareMirror(): void {
  // node_modules ends package scopes: the mirror needs its own "type": "module".
  writeIfChanged(join(MIRROR, "package.json"), `${JSON.stringify({ type: "module", private: true })}\n`);
  try {
    symlinkSync(join(ROOT, "dist", "src"), join(MIRROR, "src"), "dir");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
}

/** Transpiles `source` (a .ts file under test/) and the test files it imports into the mirror; returns the .js path. */
function transpile(source: string, done: Set<string>): string {
  const out = join(MIRROR, relative(ROOT, source)).replace(/\.ts$/, ".js");
  if (done.has(source)) return out;
  done.add(source);
  const text = readFileSync(source, "utf8");
  for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
    if (!fileName.startsWith(".")) continue; // a package: found through the repository's node_modules
    const target = resolve(dirname(source), fileName);
    if (target.startsWith(join(ROOT, "src") + "/")) continue; // the compiled product, through the mirror's src link
    const tsSource = target.replace(/\.js$/, ".ts");
    if (!target.startsWith(join(ROOT, "test") + "/") || !existsSync(tsSource)) {
      throw new Error(`compiledFixture: ${relative(ROOT, source)} imports ${fileName}, which is neither in src/ nor a .ts file in test/`);
    }
    transpile(tsSource, done);
  }
  writeIfChanged(out, transpileTypeScript(text, source));
  return out;
}

/**
 * TypeScript module source as JavaScript that Node 20 runs as is: types
 * erased, `using` / `await using` lowered (as tsx would), no type check.
 *
 * @example
 * transpileTypeScript("const n: number = 1; export default n;", "n.ts"); // "const n = 1;\nexport default n;\n"
 */
export function transpileTypeScript(text: string, fileName: string): string {
  return ts.transpileModule(text, { fileName, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
}

/**
 * The JavaScript of a TypeScript test fixture, for `node <file>` in a child
 * process: its own code transpiled (no type check: `npm run typecheck` does
 * that), the product it imports from src/ compiled in dist/ — rebuilt by
 * vitest's global setup whenever src/ is newer — as the published bin runs
 * it. Running it through tsx instead cost about 1.2 s more CPU per child
 * (tsx's loader hooks see every one of the product's ~1,000 modules, and
 * boot again in each sandbox worker thread): more than most children's work.
 *
 * @example
 * spawn(process.execPath, [compiledFixture(join(import.meta.dirname, "fixtures", "kill-child.ts"))]);
 */
export function compiledFixture(source: string): string {
  prepareMirror();
  return transpile(resolve(source), new Set());
}

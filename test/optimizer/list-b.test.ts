import { describe, expect, it } from "vitest";
import { Toolset } from "../../src/functions/index.js";
import { renderListB } from "../../src/optimizer/index.js";

const spec = (name: string, code = `function ${name}({ x }) { return x; }`) => ({
  name,
  description: `The ${name} function.`,
  parameters: { type: "object" as const, properties: { x: { type: "number" } } },
  code,
  packages: [],
});

describe("renderListB", () => {
  it("says List B is List A while nothing changed, with the action count in the heading", () => {
    const a = Toolset.empty().add(spec("f")).toJSON();
    expect(renderListB(a, a, 0)).toBe("## List B — the function set after 0 actions\nList B is the same as List A: you start from List A.");
    expect(renderListB(a, a, 1)).toBe("## List B — the function set after 1 action\nList B is the same as List A.");
    expect(renderListB(a, a, 3)).toBe("## List B — the function set after 3 actions\nList B is the same as List A.");
  });

  it("marks each function unchanged, revised or added, shows only changed code, and names removed functions", () => {
    const best = Toolset.empty().add(spec("keep")).add(spec("edit")).add(spec("gone")).toJSON();
    const current = Toolset.empty().add(spec("keep")).add(spec("edit", "const edit = ({ x }) => x * 3;")).add(spec("fresh")).toJSON();
    const text = renderListB(best, current, 2);
    expect(text).toBe(
      [
        "## List B — the function set after 2 actions",
        "[1] name: keep (unchanged from List A)",
        "description: The keep function.",
        'arguments (JSON schema): {"type":"object","properties":{"x":{"type":"number"}}}',
        "code: as in List A",
        "",
        "[2] name: edit (revised in this step)",
        "description: The edit function.",
        'arguments (JSON schema): {"type":"object","properties":{"x":{"type":"number"}}}',
        "packages: (none)",
        "code:",
        "```js",
        "const edit = ({ x }) => x * 3;",
        "```",
        "",
        "[3] name: fresh (added in this step)",
        "description: The fresh function.",
        'arguments (JSON schema): {"type":"object","properties":{"x":{"type":"number"}}}',
        "packages: (none)",
        "code:",
        "```js",
        "function fresh({ x }) { return x; }",
        "```",
        "Removed in this step: gone.",
      ].join("\n"),
    );
  });

  it("says (no functions) when every function was removed", () => {
    const best = Toolset.empty().add(spec("a")).add(spec("b")).toJSON();
    expect(renderListB(best, Toolset.empty().toJSON(), 2)).toBe("## List B — the function set after 2 actions\n(no functions)\nRemoved in this step: a, b.");
  });

  it("lists a set that only lost a function, without a removal line when nothing was removed", () => {
    const best = Toolset.empty().add(spec("a")).add(spec("b")).toJSON();
    const current = Toolset.empty().add(spec("a")).toJSON();
    expect(renderListB(best, current, 1)).toBe(
      [
        "## List B — the function set after 1 action",
        "[1] name: a (unchanged from List A)",
        "description: The a function.",
        'arguments (JSON schema): {"type":"object","properties":{"x":{"type":"number"}}}',
        "code: as in List A",
        "Removed in this step: b.",
      ].join("\n"),
    );
    const added = renderListB(current, best, 1);
    expect(added.split("\n\n")[1]).toBe(
      [
        "[2] name: b (added in this step)",
        "description: The b function.",
        'arguments (JSON schema): {"type":"object","properties":{"x":{"type":"number"}}}',
        "packages: (none)",
        "code:",
        "```js",
        "function b({ x }) { return x; }",
        "```",
      ].join("\n"),
    );
  });
});

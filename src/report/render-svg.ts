import type { TopLevelSpec } from "vega-lite";

/**
 * Renders a Vega-Lite spec to a standalone SVG string in Node, with no
 * browser and no canvas (`renderer: "none"` + `toSVG()`): charts are made
 * by the charting library, never by hand-built SVG strings.
 *
 * @example
 * import { renderVegaLiteSvg } from "toolforge";
 * const svg = await renderVegaLiteSvg({
 *   data: { values: [{ x: 1, y: 2 }, { x: 2, y: 3 }] },
 *   mark: "line", encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
 * });
 */
export async function renderVegaLiteSvg(spec: TopLevelSpec): Promise<string> {
  // Loaded on first use: vega's canvas probe uses top-level await, which would
  // stop CommonJS callers (require(esm), notebooks) from loading toolforge at all.
  const [vega, { compile }] = await Promise.all([import("vega"), import("vega-lite")]);
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Marks a demo run in its `config.json` (`note`): its tasks and scripted
 * models live only in the demo process, so `resume` refuses it with advice.
 *
 * @example
 * import { DEMO_CONFIG_NOTE } from "toolforge";
 * const isDemo = (config: { note?: string }) => config.note?.startsWith(DEMO_CONFIG_NOTE) ?? false;
 */
export const DEMO_CONFIG_NOTE = "toolforge demo";

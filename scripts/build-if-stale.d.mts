/** Builds dist/ unless it is newer than src/, the tsconfigs and package.json; returns whether it built. */
export function buildIfStale(options?: { log?: (line: string) => void }): boolean;

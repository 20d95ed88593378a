/** Error for a missing external prerequisite of the ecosystem tests, naming the setup script. */
export function missingSetup(what: string): Error {
  return new Error(`${what} is not installed. Run \`bash scripts/ci-setup.sh\` from the repository root (installs PostgreSQL, Jupyter, tslab and tools/*).`);
}

/**
 * A connection string with its password replaced by `***`, safe to print in
 * logs and error messages.
 *
 * @example
 * import { redactConnectionString } from "toolforge";
 * redactConnectionString("postgres://me:secret@db:5432/runs"); // "postgres://me:***@db:5432/runs"
 */
export function redactConnectionString(spec: string): string {
  return spec.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@]*@/i, "$1:***@");
}

import { isIP } from "node:net";

/**
 * One entry of the network allow-list: a host name (`en.wikipedia.org`), a
 * wildcard for its subdomains (`*.wikipedia.org`, which does not match
 * `wikipedia.org` itself), or an IP literal (`127.0.0.1`, `[::1]`), each
 * optionally with a port (`127.0.0.1:8080`). Without a port, 80 and 443 match.
 *
 * @example
 * import { parseHostPattern, hostMatches } from "toolforge";
 * const p = parseHostPattern("*.wikipedia.org");
 * console.log(typeof p === "string" ? p : hostMatches(p, "en.wikipedia.org", 443)); // true
 */
export interface HostPattern {
  /** Lower-case host name or IP literal, without brackets or the `*.` prefix. */
  host: string;
  wildcard: boolean;
  port?: number;
  /** True for an IP literal: naming one is the explicit permission to reach it even when private. */
  ip: boolean;
  /** The pattern as written. */
  source: string;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const DEFAULT_PORTS = [80, 443];

/**
 * Parses one allow-list entry; returns a reason string when it is malformed
 * (a scheme, a path, a bad label, a bad port, a bare `*`).
 *
 * @example
 * import { parseHostPattern } from "toolforge";
 * parseHostPattern("https://x.org"); // "write a host name without a scheme (x.org), not a URL"
 */
export function parseHostPattern(source: string): HostPattern | string {
  if (typeof source !== "string" || source.trim() === "") return "must be a non-empty host name";
  const text = source.trim().toLowerCase();
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(text)) return `write a host name without a scheme (${text.replace(/^[a-z][a-z0-9+.-]*:\/\//, "").split("/")[0]}), not a URL`;
  if (/[/?#@\s]/.test(text)) return "a host pattern cannot contain a path, query, user name or spaces";
  let host = text;
  let port: number | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) {
    host = bracketed[1] as string;
    if (isIP(host) !== 6) return `"${host}" is not an IPv6 address`;
    if (bracketed[2] !== undefined) port = Number(bracketed[2]);
  } else if (isIP(text) === 6) {
    return "write an IPv6 address in brackets, e.g. [::1] or [::1]:8080";
  } else {
    const colon = text.lastIndexOf(":");
    if (colon >= 0) {
      const p = text.slice(colon + 1);
      if (!/^\d+$/.test(p)) return `"${p}" is not a port number`;
      port = Number(p);
      host = text.slice(0, colon);
    }
  }
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) return `port ${port} is out of range (1-65535)`;
  const ip = isIP(host) !== 0;
  const wildcard = !ip && host.startsWith("*.");
  if (wildcard) host = host.slice(2);
  if (!ip) {
    const labels = host.split(".");
    if (host.includes("*")) return "only a leading `*.` wildcard is allowed (e.g. *.example.org)";
    if (labels.length < 1 || !labels.every((l) => LABEL.test(l))) return `"${host}" is not a valid host name`;
    if (wildcard && labels.length < 2) return "a wildcard must name a domain with at least two labels (e.g. *.example.org)";
  }
  return { host, wildcard, ip, source, ...(port === undefined ? {} : { port }) };
}

/**
 * Whether `hostname` (as in a URL, lower case, IPv6 without brackets) and
 * `port` fall under `pattern`.
 *
 * @example
 * import { parseHostPattern, hostMatches } from "toolforge";
 * hostMatches(parseHostPattern("127.0.0.1:8080") as HostPattern, "127.0.0.1", 8080); // true
 */
export function hostMatches(pattern: HostPattern, hostname: string, port: number): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");
  const portOk = pattern.port === undefined ? DEFAULT_PORTS.includes(port) : pattern.port === port;
  if (!portOk) return false;
  return pattern.wildcard ? host.endsWith(`.${pattern.host}`) : host === pattern.host;
}

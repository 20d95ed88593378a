import { BlockList, isIP } from "node:net";

/** Ranges a learned function may not reach unless the policy names the address itself. */
const FORBIDDEN_V4: [string, number, string][] = [
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "shared (carrier-grade NAT)"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local (cloud metadata)"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "IETF protocol assignments"],
  ["192.0.2.0", 24, "documentation"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];
const FORBIDDEN_V6: [string, number, string][] = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["64:ff9b::", 96, "NAT64"],
  ["100::", 64, "discard"],
  ["2001:db8::", 32, "documentation"],
  ["fc00::", 7, "unique local (private)"],
  ["fe80::", 10, "link-local"],
  ["fec0::", 10, "site-local"],
  ["ff00::", 8, "multicast"],
];

const lists = new Map<string, BlockList>();
function listFor(label: string): BlockList {
  let l = lists.get(label);
  if (!l) lists.set(label, (l = new BlockList()));
  return l;
}
for (const [net, prefix, label] of FORBIDDEN_V4) listFor(label).addSubnet(net, prefix, "ipv4");
for (const [net, prefix, label] of FORBIDDEN_V6) listFor(label).addSubnet(net, prefix, "ipv6");

/**
 * Why an IP address is off limits (loopback, private, link-local — which
 * holds the cloud metadata endpoint 169.254.169.254 —, multicast, …), or
 * `undefined` for a public address. IPv4-mapped and IPv4-compatible IPv6
 * forms are judged by their IPv4 address. Anything that is not an IP
 * literal is refused.
 *
 * @example
 * import { forbiddenAddressReason } from "toolforge";
 * forbiddenAddressReason("169.254.169.254"); // "link-local (cloud metadata)"
 * forbiddenAddressReason("93.184.216.34");   // undefined
 */
export function forbiddenAddressReason(address: string): string | undefined {
  const family = isIP(address);
  if (family === 0) return "not an IP address";
  if (family === 6) {
    const embedded = embeddedV4(address);
    if (embedded !== undefined) return forbiddenAddressReason(embedded);
  }
  const type = family === 4 ? "ipv4" : "ipv6";
  for (const [label, list] of lists) if (list.check(address, type)) return label;
  return undefined;
}

/** The IPv4 address inside `::ffff:a.b.c.d` / `::ffff:XXXX:XXXX` (and the deprecated `::a.b.c.d`). */
function embeddedV4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:0{0,4}:){0,5}(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/.exec(lower.replace(/^::/, "0::"));
  if (dotted && isIP(dotted[1] as string) === 4) return dotted[1];
  const hex = /^(?:0{0,4}:){0,5}:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower.replace(/^::/, "0::"));
  if (hex) {
    const hi = parseInt(hex[1] as string, 16);
    const lo = parseInt(hex[2] as string, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return undefined;
}

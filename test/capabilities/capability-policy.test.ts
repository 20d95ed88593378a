import { describe, expect, it } from "vitest";
import { CapabilityPolicyError, forbiddenAddressReason, hostMatches, parseHostPattern, resolveCapabilityPolicy, type HostPattern } from "../../src/capabilities/index.js";
import { DEFAULTS } from "../../src/defaults.js";

describe("capability policy", () => {
  it("grants nothing by default and applies the documented defaults", () => {
    const p = resolveCapabilityPolicy({});
    expect([...p.granted]).toEqual([]);
    expect(p.net.methods).toEqual(["GET", "HEAD"]);
    expect(p.net.maxRedirects).toBe(DEFAULTS.capabilities.maxRedirects);
    expect(resolveCapabilityPolicy(undefined).granted.size).toBe(0);
    const all = resolveCapabilityPolicy({ net: { allow: ["example.org"] }, parse: true, attachments: true, functions: true });
    expect([...all.granted].sort()).toEqual(["fetch", "functions", "parse", "readAttachment"]);
  });

  it.each([
    [{ fetch: true }, "E_POLICY_UNKNOWN", "fetch"],
    [{ net: { allow: ["example.org"], proxy: "x" } }, "E_POLICY_UNKNOWN", "net.proxy"],
    [{ net: { allow: ["https://example.org"] } }, "E_POLICY_HOST", "net.allow[0]"],
    [{ net: { allow: ["ok.org", "a..b"] } }, "E_POLICY_HOST", "net.allow[1]"],
    [{ net: { allow: ["*"] } }, "E_POLICY_HOST", "net.allow[0]"],
    [{ net: { allow: ["x.org:99999"] } }, "E_POLICY_HOST", "net.allow[0]"],
    [{ net: { allow: ["::1"] } }, "E_POLICY_HOST", "net.allow[0]"],
    [{ net: { allow: [], methods: ["get"] } }, "E_POLICY_VALUE", "net.methods"],
    [{ net: { allow: [], timeoutMs: 0 } }, "E_POLICY_VALUE", "net.timeoutMs"],
    [{ parse: "yes" }, "E_POLICY_VALUE", "parse"],
    [{ hostTools: [{ name: "no invoke" }] }, "E_POLICY_VALUE", "hostTools[0]"],
  ])("refuses %j with %s naming %s", (input, code, option) => {
    try {
      resolveCapabilityPolicy(input as never);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CapabilityPolicyError);
      expect((e as CapabilityPolicyError).code).toBe(code);
      expect((e as CapabilityPolicyError).option).toBe(option);
      expect((e as Error).message).toContain(`option ${option}`);
    }
  });
});

describe("host patterns and addresses", () => {
  const p = (s: string) => parseHostPattern(s) as HostPattern;
  it("matches names, wildcards (subdomains only), IP literals and ports", () => {
    expect(hostMatches(p("en.wikipedia.org"), "en.wikipedia.org", 443)).toBe(true);
    expect(hostMatches(p("en.wikipedia.org"), "en.wikipedia.org", 8443)).toBe(false);
    expect(hostMatches(p("*.wikipedia.org"), "de.wikipedia.org", 80)).toBe(true);
    expect(hostMatches(p("*.wikipedia.org"), "wikipedia.org", 80)).toBe(false);
    expect(hostMatches(p("*.wikipedia.org"), "evilwikipedia.org", 80)).toBe(false);
    expect(hostMatches(p("127.0.0.1:8080"), "127.0.0.1", 8080)).toBe(true);
    expect(hostMatches(p("[::1]:8080"), "[::1]", 8080)).toBe(true);
  });
  it.each([
    ["169.254.169.254", "link-local (cloud metadata)"],
    ["10.2.3.4", "private"],
    ["172.31.0.1", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "shared (carrier-grade NAT)"],
    ["127.1.2.3", "loopback"],
    ["0.0.0.0", "unspecified"],
    ["::1", "loopback"],
    ["fd00:ec2::254", "unique local (private)"],
    ["fe80::1", "link-local"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:a9fe:a9fe", "link-local (cloud metadata)"],
    ["93.184.216.34", undefined],
    ["2606:4700:4700::1111", undefined],
  ])("%s → %s", (address, reason) => {
    expect(forbiddenAddressReason(address)).toBe(reason);
  });
});

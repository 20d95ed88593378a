import { describe, expect, it } from "vitest";
import { renderTranscript } from "../../src/evaluation/index.js";
import { Toolset } from "../../src/functions/index.js";
import { countTokens, renderStatisticTable, summariseStatisticTable } from "../../src/optimizer/index.js";
import { failuresSection, fitTranscript, MIN_TRANSCRIPT_CHARS, Room, signatures, statisticSection, successSummary } from "../../src/optimizer/prompt-sections.js";
import { addArgs, makeRecord } from "./fixtures.js";

const fenced = (body: string) => `\`\`\`\n${body}\n\`\`\``;

describe("Room", () => {
  it("takes a text for its tokens plus one, and refuses one a token too long without drawing on it", () => {
    const text = "The quick brown fox jumps over the lazy dog.";
    const exact = new Room(countTokens(text) + 1);
    expect(exact.take(text)).toBe(true);
    expect(exact.left).toBe(0);
    const short = new Room(countTokens(text));
    expect(short.take(text)).toBe(false);
    expect(short.left).toBe(countTokens(text));
  });
});

describe("successSummary", () => {
  it("counts repeated calls, quotes the answer and formats the score", () => {
    const record = makeRecord("t1", 1, {
      calls: [
        { name: "double", args: { x: 1 }, result: "2" },
        { name: "half", args: { x: 2 }, result: "1" },
        { name: "double", args: { x: 3 }, result: "6" },
      ],
    });
    expect(successSummary(record)).toBe('- t1: solved (score 1); called double×2, half; answer "42"');
  });

  it("says when no function was called, when there is no answer, and keeps 60 characters of a long one", () => {
    expect(successSummary(makeRecord("t2", 1))).toBe('- t2: solved (score 1); no function calls; answer "42"');
    expect(successSummary({ ...makeRecord("t3", 1), finalAnswer: null })).toBe("- t3: solved (score 1); no function calls; answer (none)");
    const long = makeRecord("t4", 1, { answer: "a".repeat(60) + "b".repeat(40) });
    expect(successSummary(long)).toBe(`- t4: solved (score 1); no function calls; answer "${"a".repeat(60)}"`);
  });
});

describe("statisticSection", () => {
  const records = [makeRecord("ok-1", 1), makeRecord("bad-1", 0), makeRecord("half-1", 0.5)];

  it("shows the whole table, fenced under a legend, while it fits — up to the last token", () => {
    const full = statisticSection(records, undefined, 10_000);
    const legend = "The following table shows, for each of the 3 tasks, whether it was solved: 1 = correct, 0 = wrong (values in between are partial scores).";
    expect(full).toEqual({ text: `## Statistic\n${legend}\n${fenced(renderStatisticTable(records))}`, rows: 3, summarised: false });
    const tokens = countTokens(full.text);
    expect(statisticSection(records, undefined, tokens)).toEqual(full);
    expect(statisticSection(records, undefined, tokens - 1).summarised).toBe(true);
  });

  it("summarises a table that does not fit: an introduction, then the counts and rows that fit in the rest", () => {
    const many = Array.from({ length: 400 }, (_, i) => makeRecord(`task-${i}`, i % 4 === 0 ? 0 : 1));
    const previous = { "task-1": 0 };
    for (const maxTokens of [150, 300, 900]) {
      const section = statisticSection(many, previous, maxTokens);
      const intro = "## Statistic\nThere are too many tasks (400) for one row each; here are the counts and the rows that fit (1 = correct, 0 = wrong, values in between are partial scores).";
      const summary = summariseStatisticTable(many, { maxTokens: maxTokens - countTokens(intro) - 8, previous });
      expect(section).toEqual({ text: `${intro}\n${fenced(summary.text)}`, rows: summary.rowsListed, summarised: true });
      expect(countTokens(section.text)).toBeLessThanOrEqual(maxTokens);
    }
  });
});

describe("failuresSection", () => {
  const spec = (name: string, padding = 0) => {
    const a = addArgs(name);
    return { name, description: a.description as string, parameters: a.arguments as never, code: `${a.code as string}\n// ${"p".repeat(padding)}`, packages: [] };
  };
  const heading = "## Rolled-back function sets";
  const explanation = "These function sets were tried and rolled back because they did not improve the success rate. They are arranged in ascending order of success rate; higher means better.";
  const block = (f: { toolset: ReturnType<Toolset["toJSON"]>; score: number }) => `### Success rate ${f.score.toFixed(3)}\n${signatures(f.toolset)}`;

  it("is empty without rolled-back sets", () => {
    expect(failuresSection([], 1_000)).toEqual({ text: "", shown: 0, omitted: 0 });
  });

  it("lists every set that fits in ascending order of score, with no omission note", () => {
    const high = { toolset: Toolset.empty().add(spec("high_one")).toJSON(), score: 0.5 };
    const low = { toolset: Toolset.empty().add(spec("low_one")).toJSON(), score: 0.125 };
    expect(failuresSection([high, low], 10_000)).toEqual({ text: [heading, explanation, block(low), block(high)].join("\n\n"), shown: 2, omitted: 0 });
  });

  it("keeps the highest-scoring sets that fit in the allowance less 80 tokens, and counts the rest", () => {
    const failures = Array.from({ length: 6 }, (_, i) => ({ toolset: Toolset.empty().add(spec(`f${i}`, 400)).toJSON(), score: i / 10 }));
    const costs = failures.map((f) => countTokens(block(f)) + 1);
    for (const maxTokens of [600, 1_000, 1_400]) {
      // The top-scoring blocks whose costs sum to at most maxTokens - 80.
      let kept = 0;
      for (let left = maxTokens - 80, i = failures.length - 1; i >= 0 && costs[i]! <= left; i--, kept++) left -= costs[i]!;
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(failures.length);
      const section = failuresSection([...failures].reverse(), maxTokens);
      const omitted = failures.length - kept;
      expect(section).toEqual({
        text: [heading, explanation, `(${omitted} lower-scoring set(s) omitted for length.)`, ...failures.slice(omitted).map(block)].join("\n\n"),
        shown: kept,
        omitted,
      });
      expect(countTokens(section.text)).toBeLessThanOrEqual(maxTokens);
    }
  });
});

describe("fitTranscript", () => {
  const longRecord = makeRecord("long", 0, {
    calls: Array.from({ length: 12 }, (_, i) => ({ name: "lookup", args: { page: i }, result: `Result number ${i}: ${"the quick brown fox ".repeat(25)}` })),
  });
  const limits = { maxChars: 8_000, maxToolOutputChars: 600 };

  it("renders the transcript at its own limits when the room is large, and takes its tokens from the room", () => {
    const room = new Room(100_000);
    const text = fitTranscript(longRecord, room, limits);
    expect(text).toBe(renderTranscript(longRecord, limits));
    expect(text!.length).toBeGreaterThan(4_000);
    expect(room.left).toBe(100_000 - countTokens(text!) - 1);
  });

  it("never renders more than the transcript limit, however large the room", () => {
    const text = fitTranscript(longRecord, new Room(100_000), { ...limits, maxChars: 500 });
    expect(text).toBe(renderTranscript(longRecord, { ...limits, maxChars: 500 }));
    expect(text!.length).toBeLessThanOrEqual(500);
  });

  it("shortens the transcript to what is left of the room", () => {
    for (const left of [300, 600, 1_200]) {
      const room = new Room(left);
      const text = fitTranscript(longRecord, room, limits);
      expect(text).not.toBeNull();
      expect(text!.length).toBeLessThanOrEqual(left * 4);
      expect(text).toContain("### Task long (score 0)");
      expect(room.left).toBe(left - countTokens(text!) - 1);
      expect(room.left).toBeGreaterThanOrEqual(0);
    }
  });

  it("shortens a transcript denser than four characters a token until it fits, using most of the room", () => {
    // CJK text: about one token per character, so a first rendering at 4 characters a token is far too long.
    const dense = makeRecord("dense", 0, {
      calls: Array.from({ length: 40 }, (_, i) => ({ name: "lookup", args: { page: i }, result: "東京都の天気は晴れです。".repeat(40) })),
    });
    // Short tool outputs: many short lines, so a rendering can come close to any length.
    for (const left of [500, 900]) {
      const room = new Room(left);
      const text = fitTranscript(dense, room, { maxChars: 20_000, maxToolOutputChars: 40 });
      expect(text).not.toBeNull();
      expect(countTokens(text!)).toBeGreaterThan(left * 0.6);
      expect(room.left).toBe(left - countTokens(text!) - 1);
      expect(room.left).toBeGreaterThanOrEqual(0);
    }
  });

  it(`gives up below ${MIN_TRANSCRIPT_CHARS} characters without drawing on the room, and renders at exactly that many`, () => {
    const tiny = new Room(Math.ceil(MIN_TRANSCRIPT_CHARS / 4) - 1);
    expect(fitTranscript(longRecord, tiny, limits)).toBeNull();
    expect(tiny.left).toBe(Math.ceil(MIN_TRANSCRIPT_CHARS / 4) - 1);
    const atMinimum = fitTranscript(longRecord, new Room(10_000), { ...limits, maxChars: MIN_TRANSCRIPT_CHARS });
    expect(atMinimum).toBe(renderTranscript(longRecord, { ...limits, maxChars: MIN_TRANSCRIPT_CHARS }));
  });
});

import { AIMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { readToolCalls } from "../../src/optimizer/index.js";

describe("readToolCalls", () => {
  it("gives calls without an id one made of the turn and position, valid and invalid calls apart", () => {
    const reply = new AIMessage({
      content: "thinking",
      tool_calls: [
        { id: "", name: "add_function", args: { name: "f" } },
        { id: "", name: "terminate", args: {} },
      ],
      invalid_tool_calls: [{ id: "", name: "revise_function", args: "{oops", error: "bad", type: "invalid_tool_call" }],
    });
    const { calls, message } = readToolCalls(reply, 3);
    expect(calls.map((c) => [c.id, c.name])).toEqual([
      ["call_3_0", "add_function"],
      ["call_3_1", "terminate"],
      ["call_3_invalid_0", "revise_function"],
    ]);
    expect(calls[0]).toEqual({ id: "call_3_0", name: "add_function", args: { name: "f" } });
    expect(calls[0]!.invalidJson).toBeUndefined();
    expect(message.content).toBe("thinking");
    // toStrictEqual: unparseable arguments become {}, not { value: undefined }.
    expect(message.tool_calls?.map((c) => [c.id, c.name, c.args, c.type])).toStrictEqual([
      ["call_3_0", "add_function", { name: "f" }, "tool_call"],
      ["call_3_1", "terminate", {}, "tool_call"],
      ["call_3_invalid_0", "revise_function", {}, "tool_call"],
    ]);
  });

  it("explains unparseable arguments with the JSON parser's message, and names a nameless call", () => {
    const reply = new AIMessage({
      content: "",
      invalid_tool_calls: [
        { id: "x", args: '{"a": 1,', error: "bad", type: "invalid_tool_call" },
        { id: "y", name: "add_function", args: '{"valid": true}', error: "bad", type: "invalid_tool_call" },
        { id: "z", name: "add_function", error: "bad", type: "invalid_tool_call" },
      ],
    });
    const { calls } = readToolCalls(reply, 1);
    let parserMessage = "";
    try {
      JSON.parse('{"a": 1,');
    } catch (error) {
      parserMessage = (error as Error).message;
    }
    expect(calls[0]).toEqual({ id: "x", name: "(no name)", invalidJson: parserMessage });
    // LangChain refused arguments that do parse (e.g. not an object): no parser message to give.
    expect(calls[1]!.invalidJson).toBe("the arguments could not be parsed");
    expect(calls[2]!.invalidJson).toBe("the arguments could not be parsed");
  });

  it("wraps arguments that are not a plain object as { value } in the answerable copy, keeps the reply's id", () => {
    const reply = new AIMessage({
      id: "msg-1",
      content: "",
      tool_calls: [
        { id: "c1", name: "remove_function", args: ["f"] as never },
        { id: "c2", name: "terminate", args: null as never },
        { id: "c3", name: "remove_function", args: "f" as never },
      ],
    });
    const { calls, message } = readToolCalls(reply, 1);
    expect(calls[0]!.args).toEqual(["f"]);
    expect(message.tool_calls?.map((c) => c.args)).toEqual([{ value: ["f"] }, { value: null }, { value: "f" }]);
    expect(message.id).toBe("msg-1");
    expect(readToolCalls(new AIMessage({ content: "no id" }), 1).message.id).toBeUndefined();
  });

  it("keeps LangChain's order when the provider's order is unknown, and puts calls the provider did not list last", () => {
    const reply = (extra: Record<string, unknown> = {}) =>
      new AIMessage({
        content: "",
        tool_calls: [
          { id: "b", name: "terminate", args: {} },
          { id: "c", name: "terminate", args: {} },
        ],
        invalid_tool_calls: [{ id: "a", name: "add_function", args: "{", error: "bad", type: "invalid_tool_call" }],
        ...extra,
      });
    expect(readToolCalls(reply(), 1).calls.map((c) => c.id)).toEqual(["b", "c", "a"]);
    const ordered = reply({ additional_kwargs: { tool_calls: [{ id: "c" }, { id: "a" }] } });
    expect(readToolCalls(ordered, 1).calls.map((c) => c.id)).toEqual(["c", "a", "b"]);
  });

  it("reads a reply without tool calls as no calls", () => {
    const { calls, message } = readToolCalls(new AIMessage("TERMINATE"), 1);
    expect(calls).toEqual([]);
    expect(message.tool_calls).toEqual([]);
    expect(message.content).toBe("TERMINATE");
  });
});

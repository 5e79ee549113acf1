import { describe, expect, it } from "vitest";
import { startHelperProcess } from "../../src/processes/helper-process.js";

class HelperError extends Error {}

/** The test's helper process (tests/fixtures/helper-process/arithmetic.ts). */
const startArithmetic = () =>
  startHelperProcess<number, { doubled: number; bytes: Uint8Array }>(
    new URL("../fixtures/helper-process/arithmetic", import.meta.url),
    { name: "the arithmetic helper", failure: (message) => new HelperError(message) },
  );

describe("a helper process", () => {
  it("answers each request with its own reply, typed arrays included, however many are asked at once", async () => {
    const helper = await startArithmetic();
    try {
      const replies = await Promise.all([1, 2, 3, 40, 5, 6].map((n) => helper.ask(n)));
      expect(replies.map((reply) => reply.doubled)).toEqual([2, 4, 6, 80, 10, 12]);
      expect(replies[3].bytes).toBeInstanceOf(Uint8Array);
      expect([...replies[3].bytes]).toEqual([40]);
    } finally {
      helper.close();
    }
  });

  it("fails a request its work threw on with the error's message, and goes on answering", async () => {
    const helper = await startArithmetic();
    try {
      const failed = helper.ask(-4);
      await expect(failed).rejects.toBeInstanceOf(HelperError);
      await expect(failed).rejects.toThrow("-4 is negative");
      expect((await helper.ask(4)).doubled).toBe(8);
    } finally {
      helper.close();
    }
  });

  it("fails every request still waiting when the process stops, saying how it stopped", async () => {
    const helper = await startArithmetic();
    const waiting = [helper.ask(6), helper.ask(0), helper.ask(5)];
    expect((await waiting[0]).doubled).toBe(12);
    for (const request of waiting.slice(1))
      await expect(request).rejects.toThrow("the arithmetic helper stopped (exit code 3) before it was done.");
  });

  it("fails what it was asked when it is killed", async () => {
    const helper = await startArithmetic();
    const asked = helper.ask(6);
    helper.kill();
    await expect(asked).rejects.toThrow(/^the arithmetic helper stopped \(signal SIGTERM\) before it was done\.$/);
  });
});

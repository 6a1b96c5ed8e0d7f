import { describe, expect, it } from "vitest";

import { startCoturn } from "../support/coturn";

describe("coturn test helper", () => {
  it("throws (never skips) when turnserver is not installed", async () => {
    await expect(startCoturn({ binary: "/nonexistent/turnserver" })).rejects.toThrow(
      /not found.*apt-get install -y coturn/,
    );
  });
});

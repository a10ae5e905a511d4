import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Property tests and end-to-end runs of jsc and the CLI take longer than the default 5 s.
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});

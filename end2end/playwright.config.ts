import { defineConfig } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromiumFlags, chromiumPath } from "./chromium";

// The real release build (`make build`) on its own fresh database with the demo network.
const port = 3100;
// This file is read again in every worker: the folder is made once, in the main process,
// and the workers inherit it, so the tests' `champions create-user` writes to the database
// the server reads.
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), "champions-e2e-"));
process.env.E2E_DATABASE_URL = `sqlite://${join(process.env.E2E_DATA_DIR, "e2e.db")}?mode=rwc`;
process.env.E2E_BASE_URL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "./tests",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumFlags,
    },
  },
  projects: [
    { name: "no-js", testIgnore: /lighthouse/, use: { javaScriptEnabled: false } },
    { name: "hydrated", testIgnore: /lighthouse/, use: { javaScriptEnabled: true } },
    // Alone once the others are done: its timings and theirs would slow each other down.
    { name: "lighthouse", testMatch: /lighthouse\.spec\.ts/, dependencies: ["no-js", "hydrated"] },
  ],
  webServer: {
    command: "../target/release/champions seed-demo && exec ../target/release/champions serve",
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: "../target/site",
      MAIL_DIR: join(process.env.E2E_DATA_DIR, "mail"),
      RUST_LOG: process.env.E2E_RUST_LOG ?? "warn",
    },
  },
});

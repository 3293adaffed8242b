import { execFileSync } from "node:child_process";
import { expect, type Page } from "@playwright/test";

export const password = "plum tractor lantern";

/** Invites a new person with the command line, as the first coordinator is, and returns the link. */
export function invite(email: string, name: string, role = "champion"): string {
  const out = execFileSync(
    "../target/release/champions",
    ["create-user", "--email", email, "--name", name, "--role", role],
    { env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, PUBLIC_URL: process.env.E2E_BASE_URL, RUST_LOG: "error" } },
  ).toString();
  return out.trim().split("\n").pop()!;
}

/** Invites `email` with the command line and signs them in by choosing a password. */
export async function joinAs(page: Page, email: string, name: string, role: string) {
  await page.goto(invite(email, name, role));
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Enter the new password again").fill(password);
  await page.getByRole("button", { name: "Save password and sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

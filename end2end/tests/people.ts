import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { simpleParser } from "mailparser";
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

/**
 * The first link matching `link` in an email the server wrote to `to`, waiting for it to
 * arrive; if `link` has a group, what the group matched.
 */
export async function emailedLink(to: string, link: RegExp): Promise<string> {
  const folder = join(process.env.E2E_DATA_DIR!, "mail");
  for (let tries = 0; tries < 100; tries++) {
    for (const file of readdirSync(folder, { withFileTypes: true }).filter((f) => f.isFile())) {
      const letter = await simpleParser(readFileSync(join(folder, file.name)));
      const recipients = [letter.to].flat().flatMap((a) => a?.value ?? []).map((a) => a.address);
      const found = letter.text?.match(link);
      if (recipients.includes(to) && found) return found[1] ?? found[0];
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no email for ${to} with ${link}`);
}

import type { Page } from "@playwright/test";
import { test, expect, expectNoAxeViolations } from "./fixtures";
import { emailedLink, invite, password } from "./people";

async function choosePassword(page: Page) {
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Enter the new password again").fill(password);
  await page.getByRole("button", { name: "Save password and sign in" }).click();
}

test("a coordinator invites a person, who sets a password from the emailed link and sees what their role allows", async ({ page, consoleErrors }, info) => {
  // A whole journey through nine pages, each scanned by axe: 19–23 s alone, and it reached the
  // 30 s default while the other worker ran beside it.
  test.slow();
  const project = info.project.name;
  await page.goto(invite(`coordinator.${project}@example.org`, "Chris Coordinator", "coordinator"));
  await choosePassword(page);

  await page.goto("/account");
  await page.getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Users");
  await expectNoAxeViolations(page, info);
  await page.getByRole("link", { name: "Invite a person" }).click();
  await expectNoAxeViolations(page, info);

  // Bad input is explained next to each field.
  await page.getByLabel("Work email address").fill("not an email");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page).toHaveTitle(/^Error: Invite a person/);
  await expect(page.getByRole("alert")).toContainText("Enter an email address in the correct format");
  await expectNoAxeViolations(page, info);

  const email = `pat.${project}@example.org`;
  await page.getByLabel("Full name").fill("Pat Champion");
  await page.getByLabel("Work email address").fill(email);
  await page.getByLabel("Role").selectOption("champion");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("alert")).toContainText("Invitation sent");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pat Champion");
  await expectNoAxeViolations(page, info);

  await page.goto("/outbox");
  await expect(page.getByRole("cell", { name: email })).toBeVisible();
  await expectNoAxeViolations(page, info);
  await page.goto("/audit?action=invite");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");
  await expectNoAxeViolations(page, info);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();

  // The invited person, from the email.
  await page.goto(await emailedLink(email, /http\S+\/invitation\?link=\S+/));
  await expect(page.getByText("Welcome, Pat Champion.")).toBeVisible();
  await choosePassword(page);
  await expect(page.getByRole("link", { name: "Pat Champion" })).toBeVisible();
  await page.getByRole("link", { name: "Pat Champion" }).click();
  await expect(page.getByText("Champion", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);

  const refused = await page.goto("/users");
  expect(refused?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You do not have permission to see this page");
  await expectNoAxeViolations(page, info);
  // The browser reports the 403 itself; that one is expected.
  expect(consoleErrors).toEqual([expect.stringContaining("status of 403")]);
  consoleErrors.length = 0;
});

test("a forgotten password gets the same answer for any address", async ({ page }, info) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgotten your password?" }).click();
  await expectNoAxeViolations(page, info);
  await page.getByLabel("Email address").fill(`nobody.${info.project.name}@example.org`);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email");
  await expectNoAxeViolations(page, info);
});

import { test, expect, expectNoAxeViolations } from "./fixtures";
import { invite, password } from "./people";

test("an invited person chooses a password, is signed in, signs out and back in", async ({ page }, info) => {
  const email = `sam.${info.project.name}@example.org`;
  await page.goto(invite(email, "Sam Patel"));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Choose a password");
  await expect(page.getByText("Welcome, Sam Patel.")).toBeVisible();
  await expectNoAxeViolations(page, info);

  // A password that is too short is explained next to the field, and nothing changes.
  await page.getByLabel("New password", { exact: true }).fill("too short");
  await page.getByLabel("Enter the new password again").fill("too short");
  await page.getByRole("button", { name: "Save password and sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("Password must be 12 characters or more");
  await expect(page).toHaveTitle(/^Error: Choose a password/);
  await expectNoAxeViolations(page, info);

  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Enter the new password again").fill(password);
  await page.getByRole("button", { name: "Save password and sign in" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText("Sam Patel")).toBeVisible();

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  await page.getByRole("link", { name: "Sign in" }).click();
  // The service's own messages, not the browser's: the form does not block a bad address.
  await page.getByLabel("Email address").fill("not-an-email");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter an email address in the correct format");
  await expect(page.getByRole("alert")).toContainText("Enter your password");

  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter a correct email address and password");
  await expectNoAxeViolations(page, info);

  await page.getByLabel("Email address").fill(email.toUpperCase());
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();

  // Their own account, reached from their name in the navigation.
  await page.getByRole("link", { name: "Sam Patel" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account");
  await expect(page.getByText(email)).toBeVisible();
  await expectNoAxeViolations(page, info);
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("someone not signed in is sent from their account page to sign in, and back", async ({ page }, info) => {
  const email = `lee.${info.project.name}@example.org`;
  const link = invite(email, "Lee Jones");
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Enter the new password again").fill(password);
  await page.getByRole("button", { name: "Save password and sign in" }).click();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();

  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account");
});

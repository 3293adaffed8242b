import { test, expect, expectNoAxeViolations } from "./fixtures";

// Every page of the site, with the status and main heading it must have.
const pages = [
  { path: "/", status: 200, heading: "Champions Network" },
  { path: "/about", status: 200, heading: "About the network" },
  { path: "/accessibility", status: 200, heading: "Accessibility statement" },
  { path: "/login", status: 200, heading: "Sign in" },
  { path: "/invitation?link=no-such-link", status: 410, heading: "This link has expired" },
  { path: "/rsvp?link=no-such-link", status: 410, heading: "This link has expired" },
  { path: "/no-such-page", status: 404, heading: "Page not found" },
];

for (const { path, status, heading } of pages) {
  test(`${path} answers ${status}, shows its heading and passes axe`, async ({ page }, info) => {
    // The 404 response itself is logged by Chromium as a console error: expected here.
    if (status !== 200) page.removeAllListeners("console");
    const response = await page.goto(path);
    expect(response?.status()).toBe(status);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await expectNoAxeViolations(page, info);
  });
}

test("the home page says what the network is and who is in it", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByText("families where a parent has mental ill health")).toBeVisible();
  const groups = page.locator(".govuk-summary-list__key");
  await expect(groups).toHaveText([
    "Children's services locality teams",
    "Children's services specialist teams",
    "Adult mental health – primary",
    "Adult mental health – secondary",
  ]);
});

test("the areas are reached from the navigation and the footer", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "About the network" }).click();
  await expect(page).toHaveURL(/\/about$/);
  await expect(page.getByRole("link", { name: "About the network" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("link", { name: "Accessibility statement" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accessibility statement");
});

test("the skip link is the first stop and moves focus to the main content", async ({ page }) => {
  await page.goto("/about");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

test("the stylesheet is applied", async ({ page }) => {
  await page.goto("/");
  const font = await page.getByRole("heading", { level: 1 }).evaluate((el) => getComputedStyle(el).fontFamily);
  expect(font.toLowerCase()).toContain("arial");
  const maxWidth = await page.locator(".govuk-width-container").first().evaluate((el) => getComputedStyle(el).maxWidth);
  expect(maxWidth).toBe("960px");
});

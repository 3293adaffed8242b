import { test, expect } from "./fixtures";

// On a phone-sized screen the navigation folds behind a "Menu" button, but only once the
// island has hydrated: with JavaScript off every link stays in view.
test.use({ viewport: { width: 375, height: 740 } });

test("the menu button appears only after hydration and opens the navigation", async ({ page }, info) => {
  await page.goto("/");
  const menu = page.getByRole("button", { name: "Menu" });
  const about = page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "About the network" });

  if (info.project.name === "no-js") {
    await expect(menu).toBeHidden();
    await expect(about).toBeVisible();
    return;
  }

  // Proof of hydration: the button is hidden in the server's HTML and only the island's
  // wasm can reveal it.
  await expect(menu).toBeVisible();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(about).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(about).toBeVisible();
  await about.click();
  await expect(page).toHaveURL(/\/about$/);
});

test("on a wide screen the navigation is open and has no menu button", async ({ page }, info) => {
  await page.setViewportSize({ width: 1200, height: 800 });
  await page.goto("/");
  if (info.project.name === "hydrated") {
    // Wait for the island, so the check below is made against the hydrated page.
    await expect(page.locator("nav.app-navigation--collapsed")).toHaveCount(1);
  }
  await expect(page.getByRole("link", { name: "About the network" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
});

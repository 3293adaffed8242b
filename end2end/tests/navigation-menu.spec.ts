import { test, expect } from "./fixtures";

// On a phone-sized screen the navigation folds behind a "Menu" button in a browser that runs
// the island; with JavaScript off every link stays in view.
test.use({ viewport: { width: 375, height: 740 } });

test("the menu button folds the navigation on a phone, and the island opens it", async ({ page }, info) => {
  await page.goto("/");
  const menu = page.getByRole("button", { name: "Menu" });
  const about = page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "About the network" });

  if (info.project.name === "no-js") {
    await expect(menu).toBeHidden();
    await expect(about).toBeVisible();
    return;
  }

  // The page is folded from its first paint (the head's class), so nothing moves later.
  await expect(menu).toBeVisible();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(about).toBeHidden();
  // Proof of hydration: only the island's wasm makes the button open the menu. Clicked again
  // until it has hydrated.
  await expect(async () => {
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true", { timeout: 250 });
  }).toPass();
  await expect(about).toBeVisible();
  await about.click();
  await expect(page).toHaveURL(/\/about$/);
});

test("on a wide screen the navigation is open and has no menu button", async ({ page }) => {
  await page.setViewportSize({ width: 1200, height: 800 });
  await page.goto("/");
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("link", { name: "About the network" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
});

test("nothing on the page moves while it loads and hydrates", async ({ page }, info) => {
  test.skip(info.project.name === "no-js", "layout shifts are measured by a script in the page");
  await page.addInitScript(() => {
    (window as unknown as { shifts: number[] }).shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) (window as unknown as { shifts: number[] }).shifts.push((entry as unknown as { value: number }).value);
    }).observe({ type: "layout-shift", buffered: true });
  });
  for (const path of ["/", "/services", "/glossary?q=cp"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    const shifts = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts);
    expect(shifts.reduce((a, b) => a + b, 0), path).toBeLessThanOrEqual(0.02);
  }
});

import { test as base, expect, type Page, type TestInfo } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

/** Fails the test on any console error or uncaught exception, CSP violations included. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      page.on("pageerror", (e) => errors.push(e.message));
      await use(errors);
      expect(errors).toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/**
 * Scans the page for WCAG 2.2 A/AA failures. axe runs as a script in the page, which a
 * context with JavaScript off cannot do: there the same address is scanned, with the same
 * cookies, in a scratch context whose HTML has its scripts and script preloads removed, so
 * axe sees exactly the page a browser without JavaScript shows.
 */
export async function expectNoAxeViolations(page: Page, info: TestInfo) {
  let target = page;
  const scratch =
    info.project.use.javaScriptEnabled === false
      ? await page.context().browser()!.newContext({ javaScriptEnabled: true })
      : undefined;
  if (scratch) {
    await scratch.addCookies(await page.context().cookies());
    target = await scratch.newPage();
    await target.route("**/*", async (route) => {
      if (route.request().resourceType() !== "document") return route.continue();
      const response = await route.fetch();
      const html = (await response.text())
        .replace(/<script\b[\s\S]*?<\/script>/g, "")
        .replace(/<link rel="(?:modulepreload|preload)"[^>]*>/g, "");
      await route.fulfill({ response, body: html });
    });
    await target.goto(page.url());
    await expect(target).toHaveURL(page.url());
  }
  const results = await new AxeBuilder({ page: target })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"])
    .analyze();
  await scratch?.close();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary).toEqual([]);
  expect(results.passes.length, "axe ran its checks").toBeGreaterThan(10);
}

// Lighthouse's mobile run over every public page: accessibility and best practices must be
// 100 and the cumulative layout shift at most 0.05. The performance score is printed, not
// asserted: this machine is shared and its timings are noisy.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { chromiumFlags, chromiumPath } from "../chromium";
import { test, expect } from "./fixtures";

const run = promisify(execFile);

const chromeFlags = ["--headless=new", ...chromiumFlags].join(" ");

type Report = {
  runtimeError?: { code: string; message: string };
  categories: Record<string, { score: number | null }>;
  audits: Record<string, { numericValue?: number }>;
};

/**
 * One Lighthouse run. A run whose trace failed to record (NO_NAVSTART: it happens on this
 * machine) is made again, whether Lighthouse reported it in its JSON or by failing.
 */
async function audit(url: string): Promise<Report> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { stdout } = await run(
        "node_modules/.bin/lighthouse",
        [url, "--quiet", "--output=json", "--output-path=stdout", `--chrome-flags=${chromeFlags}`],
        { env: { ...process.env, CHROME_PATH: chromiumPath }, maxBuffer: 64 * 1024 * 1024 },
      );
      const report = JSON.parse(stdout) as Report;
      if (!report.runtimeError || attempt === 3) return report;
    } catch (error) {
      if (attempt === 3 || !String(error).includes("NO_NAVSTART")) throw error;
    }
  }
}

test("every public page scores 100 for accessibility and best practices and does not shift", async ({ page, baseURL }) => {
  test.setTimeout(15 * 60 * 1000);

  // Pages of one service and one term, as a visitor reaches them.
  const firstLink = async (list: string, pattern: RegExp) => {
    await page.goto(list);
    const links = await page.locator("main a").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    return links.find((href) => pattern.test(href))!;
  };
  const service = await firstLink("/services", /^\/services\/\d+$/);
  const term = await firstLink("/glossary?q=cpa", /^\/glossary\/\d+$/);
  const pages = [
    "/",
    "/about",
    "/accessibility",
    "/services",
    service,
    "/roles",
    "/glossary",
    "/glossary?q=cp",
    term,
    "/glossary/print",
    "/login",
    "/forgotten-password",
  ];

  const rows: string[] = [];
  const failures: string[] = [];
  for (const path of pages) {
    const report = await audit(baseURL + path);
    expect(report.runtimeError, `${path}: ${report.runtimeError?.message}`).toBeUndefined();
    const score = (category: string) => Math.round((report.categories[category]?.score ?? 0) * 100);
    const cls = report.audits["cumulative-layout-shift"].numericValue ?? Number.NaN;
    rows.push(
      `${path.padEnd(32)} performance ${score("performance")}, accessibility ${score("accessibility")}, ` +
        `best practices ${score("best-practices")}, CLS ${cls.toFixed(3)}`,
    );
    if (score("accessibility") < 100) failures.push(`${path}: accessibility ${score("accessibility")}`);
    if (score("best-practices") < 100) failures.push(`${path}: best practices ${score("best-practices")}`);
    if (!(cls <= 0.05)) failures.push(`${path}: CLS ${cls}`);
  }
  console.log(`Lighthouse (mobile):\n${rows.join("\n")}`);
  expect(failures).toEqual([]);
});

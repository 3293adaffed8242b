import { test, expect, expectNoAxeViolations } from "./fixtures";
import { joinAs } from "./people";

test("a search finds an acronym's meaning: as you type when hydrated, by the form without JavaScript", async ({ page }, info) => {
  await page.goto("/glossary");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Glossary");
  await expectNoAxeViolations(page, info);
  const box = page.getByLabel("Search the glossary");

  if (info.project.name === "no-js") {
    await box.fill("c.p.a");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/glossary\?q=c\.p\.a$/);
    await expect(page.getByRole("heading", { level: 2 }).first()).toHaveText("CPA");
    await expect(page.getByRole("link", { name: "Care Programme Approach", exact: true })).toBeVisible();
    await expectNoAxeViolations(page, info);
    return;
  }

  // Hydrated: the island marks its form once it searches as you type.
  await expect(page.locator("form[data-enhanced=true]")).toHaveCount(1);
  await page.evaluate(() => ((window as any).stillHere = true));
  await box.pressSequentially("cp", { delay: 40 });
  // Before the word is finished, and without leaving the page.
  await expect(page.getByRole("link", { name: "Care Programme Approach", exact: true })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("match");
  await box.pressSequentially("a", { delay: 40 });
  await expect(page.getByRole("status")).toContainText("“cpa”");
  await expect(page.locator(".app-term__name").first()).toContainText("CPA");
  expect(await page.evaluate(() => (window as any).stillHere)).toBe(true);
  await expect(page).toHaveURL(/\/glossary\?q=cpa$/);
  await expectNoAxeViolations(page, info);
});

test("an ambiguous acronym shows every meaning, and the A to Z and printable glossary list terms", async ({ page }, info) => {
  await page.goto("/glossary?q=cp");
  const cp = page.locator(".app-term").first();
  await expect(cp.getByRole("heading", { level: 2 })).toContainText("2 meanings");
  await expect(cp.getByText("Children's social care")).toBeVisible();
  await expect(cp.getByText("NHS and health")).toBeVisible();
  await cp.getByRole("link", { name: "Cerebral Palsy", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("CP");
  await expectNoAxeViolations(page, info);

  await page.goto("/glossary");
  await page.getByRole("navigation", { name: "A to Z" }).getByRole("link", { name: "Y", exact: true }).click();
  await expect(page.getByRole("link", { name: "Youth Justice Service", exact: true })).toBeVisible();
  await expectNoAxeViolations(page, info);

  await page.goto("/glossary/print");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Glossary A to Z");
  await expectNoAxeViolations(page, info);
  // Printed, each letter starts a page and the navigation is left out.
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".app-print__letter").nth(1)).toHaveCSS("break-before", "page");
  await expect(page.getByRole("navigation", { name: "Menu" })).toBeHidden();
});

test("someone suggests a term and a coordinator approves it", async ({ page }, info) => {
  const term = info.project.name === "no-js" ? "WRAPS" : "WRAPH";
  await joinAs(page, `suggester.${info.project.name}@example.org`, "Sam Suggest", "staff");
  await page.goto("/glossary/suggest");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Suggest a term");
  await expectNoAxeViolations(page, info);
  await page.getByLabel("Term", { exact: true }).fill(term);
  await page.getByRole("button", { name: "Send suggestion" }).click();
  await expect(page.locator("#expansion-error")).toContainText("Enter what the term stands for");
  await expectNoAxeViolations(page, info);
  await page.getByLabel("Term", { exact: true }).fill(term);
  await page.getByLabel("What it stands for").fill("Wellness Recovery Action Plan");
  await page.getByRole("button", { name: "Send suggestion" }).click();
  await expect(page.getByRole("alert")).toContainText("Suggestion sent");
  await expectNoAxeViolations(page, info);

  await page.context().clearCookies();
  await joinAs(page, `decider.${info.project.name}@example.org`, "Dee Cider", "coordinator");
  await page.goto("/glossary/suggestions");
  await expectNoAxeViolations(page, info);
  await page.getByRole("link", { name: term, exact: true }).click();
  await expectNoAxeViolations(page, info);
  await page.getByLabel("What it means (optional)").fill("A plan a person writes to stay well.");
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("alert")).toContainText("Suggestion approved");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(term);
  await expect(page.getByText("A plan a person writes to stay well.")).toBeVisible();
});

test("acronyms in a service's text are linked to their meaning", async ({ page }, info) => {
  await page.goto("/services");
  await page.getByRole("link", { name: "Child and Adolescent Mental Health Services (CAMHS)" }).click();
  const abbr = page.locator("abbr[title='Child and Adolescent Mental Health Services']").first();
  await expect(abbr).toHaveText("CAMHS");
  await expect(page.getByRole("heading", { name: "Terms used here" })).toBeVisible();
  await expectNoAxeViolations(page, info);
  await abbr.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("CAMHS");
});

import { test, expect, expectNoAxeViolations } from "./fixtures";
import { joinAs } from "./people";

test("a champion reviews a service: a mistake is explained, the version before can be seen", async ({ page }, info) => {
  // The two projects run at once on one database: each edits its own service.
  const service = info.project.name === "no-js" ? "Positive Steps" : "Wellness Advisor Service";
  await joinAs(page, `bank.${info.project.name}@example.org`, "Bo Banks", "champion");
  await page.goto("/services");
  await page.getByRole("link", { name: service, exact: true }).click();
  await page.getByRole("link", { name: "Edit or review this service" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Edit service");
  await expectNoAxeViolations(page, info);

  await page.getByLabel("Minimum age (optional)").fill("30");
  await page.getByLabel("Maximum age (optional)").fill("18");
  await page.getByRole("button", { name: "Save service" }).click();
  await expect(page).toHaveTitle(/^Error: Edit service/);
  await expect(page.locator("#maximum_age-error")).toContainText("Maximum age must be the same as or more than the minimum age");
  await expectNoAxeViolations(page, info);

  await page.getByLabel("Minimum age (optional)").fill("18");
  await page.getByLabel("Maximum age (optional)").fill("");
  await page.getByLabel("Cost (optional)").fill(`No charge (${info.project.name})`);
  await page.getByRole("button", { name: "Save service" }).click();
  await expect(page.getByRole("alert")).toContainText("Service saved");
  await expect(page.getByText(`No charge (${info.project.name})`)).toBeVisible();
  await expect(page.getByText(/UTC by Bo Banks/)).toBeVisible();

  await page.getByRole("link", { name: "Earlier versions" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`History of ${service}`);
  await expect(page.getByRole("heading", { name: "Version 1" })).toBeVisible();
  await expectNoAxeViolations(page, info);
});

test("a coordinator imports profiles from CSV after a dry run, and sees the teams", async ({ page }, info) => {
  await joinAs(page, `importer.${info.project.name}@example.org`, "Ira Porter", "coordinator");
  await page.goto("/teams");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Staff groups, organisations and teams");
  await expectNoAxeViolations(page, info);

  await page.goto("/account");
  await page.getByRole("link", { name: "Import and export" }).click();
  await expectNoAxeViolations(page, info);
  const header =
    "name,pronouns,job_title,team,organisation,work_email,phone,base,ask_me_about,champion_since," +
    "supporting_manager,offers_shadowing,shadowing_note,availability";
  const who = `Nia ${info.project.name === "no-js" ? "Static" : "Hydrated"}`;
  const email = `nia.${info.project.name}@example.org`;
  const good = `${who},,Family support worker,Locality Team North,North Somerset Council,${email},,,,,,no,,`;
  const bad = `Ola Wrong,,Worker,No Such Team,North Somerset Council,ola at example,,,,,,maybe,,`;
  const file = (rows: string[]) => ({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from([header, ...rows].join("\n")) });

  await page.getByLabel("Profiles").check();
  await page.getByLabel("CSV file").setInputFiles(file([good, bad]));
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("heading", { name: "1 of 2 rows need fixing" })).toBeVisible();
  await expect(page.getByText('There is no team "No Such Team"')).toBeVisible();
  await expect(page.getByRole("button", { name: /^Import/ })).toHaveCount(0);
  await expectNoAxeViolations(page, info);

  await page.getByRole("link", { name: "Upload the corrected file" }).click();
  await page.getByLabel("CSV file").setInputFiles(file([good]));
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByText("Importing will add 1 and update 0 profiles")).toBeVisible();
  await page.getByRole("button", { name: "Import 1 profile" }).click();
  await expect(page.getByRole("alert")).toContainText("Imported: 1 added, 0 updated");
  await page.goto(`/people?q=${encodeURIComponent(who)}`);
  await expect(page.getByRole("link", { name: who })).toBeVisible();
});

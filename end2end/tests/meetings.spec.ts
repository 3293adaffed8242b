import { test, expect, expectNoAxeViolations } from "./fixtures";
import { emailedLink, joinAs } from "./people";

/** The second Tuesday of the month `months` after this one, as a date input takes it. */
function secondTuesday(months: number): string {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, 1));
  const day = 1 + ((9 - first.getUTCDay()) % 7) + 7;
  first.setUTCDate(day);
  return first.toISOString().slice(0, 10);
}

test("a coordinator schedules a series, then moves and cancels one of its meetings", async ({ page }, info) => {
  // Eight pages, most scanned by axe, beside the other worker: past the 30 s default.
  test.slow();
  const series = `Champions' network (${info.project.name})`;
  const email = `meetings.${info.project.name}@example.org`;
  // The two projects run at once on one database: each coordinator has a name of their own.
  const name = `Mo ${info.project.name === "no-js" ? "Static" : "Hydrated"}`;
  await joinAs(page, email, name, "coordinator");
  await page.goto("/meetings");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Meetings");
  await expect(page.getByText("Every 2 months on the second Tuesday").first()).toBeVisible();
  await expectNoAxeViolations(page, info);

  await page.getByRole("link", { name: "Schedule a series" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Schedule a series");
  await expectNoAxeViolations(page, info);
  await page.getByLabel("Name", { exact: true }).fill(series);
  await page.getByLabel("Repeats").selectOption({ label: "Every two months on the second Tuesday" });
  // A Wednesday: not a date the rule gives.
  const tuesday = secondTuesday(1);
  const wednesday = new Date(Date.parse(tuesday) + 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("First meeting").fill(wednesday);
  await page.getByLabel("Venue (optional)").fill("Room 4, Civic Centre");
  await page.getByRole("button", { name: "Schedule the series" }).click();
  await expect(page).toHaveTitle(/^Error: Schedule a series/);
  await expect(page.locator("#rule-error")).toContainText("The first date must be one the rule gives");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(series);
  await expect(page.getByLabel("Venue (optional)")).toHaveValue("Room 4, Civic Centre");
  await expectNoAxeViolations(page, info);

  await page.getByLabel("First meeting").fill(tuesday);
  await page.getByRole("button", { name: "Schedule the series" }).click();
  await expect(page.getByRole("alert")).toContainText("The series is scheduled");
  const ours = page.getByRole("link", { name: series, exact: true });
  expect(await ours.count()).toBeGreaterThanOrEqual(6);

  await ours.first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(series);
  await expect(page.getByText("Room 4, Civic Centre").first()).toBeVisible();
  await expectNoAxeViolations(page, info);
  const ics = await page.request.get(`${page.url()}/invite.ics`);
  expect(ics.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(await ics.text()).toContain("DTSTART;TZID=Europe/London:");

  // Invitations go to every member, the coordinator too; the emailed link answers for them.
  const meeting = page.url();
  await page.getByRole("button", { name: /^Send invitations to \d+ (people|person)$/ }).click();
  await expect(page.getByRole("alert")).toContainText(/invitations? sent/);
  const title = series.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const attend = await emailedLink(email, new RegExp(`invited to ${title}[\\s\\S]*?(http\\S+/rsvp\\?link=\\S+answer=attending)`));
  await page.goto(attend);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your answer");
  await expect(page.getByLabel("I will attend")).toBeChecked();
  await expectNoAxeViolations(page, info);
  await page.getByRole("button", { name: "Confirm my answer" }).click();
  await expect(page.getByRole("alert")).toContainText("Your answer is recorded");
  await page.goto(meeting);
  await expect(page.getByRole("row", { name: new RegExp(`${name} Attending`) })).toBeVisible();

  await page.getByLabel("Start time").fill("13:30");
  await page.getByLabel("End time").fill("13:00");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator("#end_time-error")).toContainText("End time must be after the start time");
  await page.getByLabel("End time").fill("15:30");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("alert")).toContainText("The meeting is changed");
  await expect(page.getByText(/13:30 to 15:30/)).toBeVisible();

  await page.getByRole("button", { name: "Cancel this meeting" }).click();
  await expect(page.getByRole("alert")).toContainText("The meeting is cancelled");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Cancelled");
  await expectNoAxeViolations(page, info);
});

test("meetings are for people who are signed in", async ({ page }) => {
  await page.goto("/meetings");
  await expect(page).toHaveURL(/\/login\?next=%2Fmeetings$/);
});

test("a coordinator records who came to a meeting held and sees the attendance chart", async ({ page }, info) => {
  const name = `Ada ${info.project.name === "no-js" ? "Static" : "Hydrated"}`;
  await joinAs(page, `attendance.${info.project.name}@example.org`, name, "coordinator");
  await page.goto("/meetings");
  // The demo series' latest meeting held.
  await page.locator("table").nth(1).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Attendance", level: 2 })).toBeVisible();
  await page.getByLabel(`What happened for ${name}`).selectOption({ label: "Present online" });
  await page.getByRole("button", { name: "Save attendance" }).click();
  await expect(page.getByRole("alert")).toContainText("Attendance saved");
  await expect(page.getByLabel(`What happened for ${name}`)).toHaveValue(/:online$/);
  await expectNoAxeViolations(page, info);

  await page.getByRole("link", { name: "Attendance over the last 12 months" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Attendance");
  await expect(page.getByRole("img", { name: "Attendance by staff group, per cent of meetings" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(`^${name} 1 1 100%$`) })).toBeVisible();
  await expectNoAxeViolations(page, info);
});

test("a champion proposes an agenda item; the coordinator accepts it, moves it up and sends the agenda", async ({ page, browser }, info) => {
  test.slow();
  const js = info.project.use.javaScriptEnabled !== false;
  const suffix = js ? "Hydrated" : "Static";
  const championEmail = `proposer.${info.project.name}@example.org`;
  const champion = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await joinAs(champion, championEmail, `Pat ${suffix}`, "champion");
  await champion.goto("/meetings");
  // A meeting months ahead, open for proposals; one per project, as both run at once.
  await champion.locator("table").first().locator("tbody tr").nth(js ? 3 : 2).getByRole("link").first().click();
  const meeting = champion.url();
  const title = `Young carers' assessments (${suffix})`;
  await champion.locator("#item_title").fill(title);
  await champion.getByLabel("Kind of item").selectOption({ label: "Unmet need" });
  await champion.getByLabel("Minutes").fill("20");
  await champion.getByRole("button", { name: "Send the proposal" }).click();
  await expect(champion.locator("#reason-error")).toContainText("Enter a reason");
  await expect(champion.locator("#item_title")).toHaveValue(title);
  await champion.getByLabel("Why the group should discuss it").fill("Nobody assesses young carers while a parent is in hospital.");
  await champion.getByRole("button", { name: "Send the proposal" }).click();
  await expect(champion.getByRole("alert")).toContainText("Your proposal is sent to the coordinator");
  await expect(champion.getByText("waiting for the coordinator")).toBeVisible();
  await expectNoAxeViolations(champion, info);

  await joinAs(page, `agenda.${info.project.name}@example.org`, `Kit ${suffix}`, "coordinator");
  await page.goto(meeting);
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expectNoAxeViolations(page, info);
  await page.getByLabel("Minutes").fill("25");
  await page.getByRole("button", { name: "Accept and add to the agenda" }).click();
  await expect(page.getByRole("alert")).toContainText("The proposal is on the agenda");
  const agenda = page.locator("table").first().locator("tbody tr");
  await expect(agenda.last()).toContainText(title);

  // Up one place: above "Any other business", starting when that did.
  const pattern = title.replace(/[()]/g, "\\$&");
  const before = (await page.getByRole("row", { name: /^\d\d:\d\d Any other business/ }).getByRole("cell").first().textContent())!.trim();
  await page.getByRole("button", { name: `Up: ${title}` }).click();
  await expect(page.getByRole("alert")).toContainText("The item is moved");
  await expect(agenda.last()).toContainText("Any other business");
  await expect(page.getByRole("row", { name: new RegExp(`^${before} ${pattern}`) })).toBeVisible();
  await expectNoAxeViolations(page, info);

  // "again" when an earlier run on the same database sent it.
  await page.getByRole("button", { name: /^Send the agenda (to everyone|again)$/ }).click();
  await expect(page.getByRole("alert")).toContainText(/The agenda is sent to \d+ people/);
  const line = await emailedLink(championEmail, new RegExp(`${before} ${pattern} \\(25 minutes`));
  expect(line).toContain(title);

  await page.getByRole("link", { name: "The agenda to print" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Agenda: ");
  await expect(page.getByText(title)).toBeVisible();
  await expectNoAxeViolations(page, info);
});

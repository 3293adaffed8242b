// Every form, sent with one bad field among good ones, comes back with what was typed (passwords
// aside) and the bad field marked, with JavaScript off and hydrated; and no address can put a
// message of its own on a form page.
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { emailedLink, invite, joinAs, password } from "./people";

/** What each field must hold: text (inputs, text boxes, lists) or ticked / not ticked. */
type Held = Record<string, string | boolean>;

/** The page is the form again, by a plain address, with `bad` marked and every field as `held`. */
async function expectReturned(page: Page, bad: string, held: Held) {
  await expect(page).toHaveTitle(/^Error: /);
  expect(page.url()).not.toContain("__");
  await expect(page.locator(".govuk-error-summary")).toContainText("There is a problem");
  await expect(page.locator(`#${bad}-error`)).toBeVisible();
  for (const [id, value] of Object.entries(held)) {
    const field = page.locator(`[id="${id}"]`);
    if (typeof value === "boolean") {
      await (value ? expect(field).toBeChecked() : expect(field).not.toBeChecked());
    } else {
      await expect(field, id).toHaveValue(value);
    }
  }
}

test("signing in with a wrong password keeps the email address", async ({ page }, info) => {
  const email = `keeper.${info.project.name}@example.org`;
  await joinAs(page, email, "Kit Keeper", "staff");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectReturned(page, "email", { email, password: "" });

  await page.goto("/forgotten-password");
  await page.getByLabel("Email address").fill("kit at example");
  await page.getByRole("button", { name: "Send the link" }).click();
  await expectReturned(page, "email", { email: "kit at example" });
});

test("password forms come back empty, with the problem by its field", async ({ page }, info) => {
  const email = `chooser.${info.project.name}@example.org`;
  await page.goto(invite(email, "Cam Chooser"));
  await page.getByLabel("New password", { exact: true }).fill("too short");
  await page.getByLabel("Enter the new password again").fill("too short");
  await page.getByRole("button", { name: "Save password and sign in" }).click();
  await expectReturned(page, "password", { password: "", confirm_password: "" });
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Enter the new password again").fill(password);
  await page.getByRole("button", { name: "Save password and sign in" }).click();

  await page.goto("/account");
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill("a new long passphrase");
  await page.getByLabel("Enter the new password again").fill("a new long passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expectReturned(page, "current_password", { current_password: "", password: "", confirm_password: "" });

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.goto("/forgotten-password");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await page.goto(await emailedLink(email, /http\S+\/reset-password\?link=\S+/));
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Enter the new password again").fill("plum tractor");
  await page.getByRole("button", { name: "Save password and sign in" }).click();
  await expectReturned(page, "confirm_password", { password: "", confirm_password: "" });
});

test("a profile with a bad phone number keeps the new base and everything else typed", async ({ page }, info) => {
  // Each project takes a different demo champion: the two run at once on one database.
  const [email, name] =
    info.project.name === "no-js" ? ["kwame.mensah@example.org", "Kwame Mensah"] : ["lucy.fernandes@example.org", "Lucy Fernandes"];
  await joinAs(page, email, name, "champion");
  await page.goto("/account");
  await page.getByRole("link", { name: "See your profile" }).click();
  await page.getByRole("link", { name: "Edit or confirm your profile" }).click();
  const team = await page.getByLabel("Team").inputValue();
  await page.getByLabel("Job title").fill("Senior Practitioner");
  await page.getByLabel("Work phone number (optional)").fill("ring me");
  await page.getByLabel("Base (optional)").fill("Weston Library");
  await page.getByLabel("Ask me about (optional)").fill("home visits, perinatal");
  await page.getByLabel("I offer job shadowing or buddying").check();
  await page.getByLabel("Availability (optional)").fill("Mondays only");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expectReturned(page, "phone", {
    job_title: "Senior Practitioner",
    phone: "ring me",
    base: "Weston Library",
    tags: "home visits, perinatal",
    offers_shadowing: true,
    availability: "Mondays only",
    team_id: team,
  });

  await page.getByLabel("Choose a photo").setInputFiles({ name: "me.txt", mimeType: "text/plain", buffer: Buffer.from("not a picture") });
  await page.getByRole("button", { name: "Upload photo" }).click();
  await expectReturned(page, "photo", { name });
});

test("the service and job role forms keep what was typed", async ({ page }, info) => {
  await joinAs(page, `banker.${info.project.name}@example.org`, "Bo Banker", "champion");
  await page.goto("/services");
  await page.getByRole("link", { name: "Positive Steps" }).click();
  await page.getByRole("link", { name: "Edit or review this service" }).click();
  await page.getByLabel("Name").fill(`Positive Steps ${info.project.name}`);
  await page.getByLabel("Status").selectOption("temporarily_closed");
  await page.getByLabel("Cost (optional)").fill("Free to families");
  await page.getByLabel("Email (optional)").fill("steps at nhs");
  await page.getByRole("button", { name: "Save service" }).click();
  await expectReturned(page, "email", {
    name: `Positive Steps ${info.project.name}`,
    status: "temporarily_closed",
    cost: "Free to families",
    email: "steps at nhs",
  });

  // What they do is needed.
  await page.goto("/roles/new");
  await page.getByLabel("Job title").fill("Duty Worker");
  await page.getByLabel("Typical caseload (optional)").fill("Twenty families");
  await page.getByLabel("Presenter (optional)").fill("Ben Carter");
  await page.getByRole("button", { name: "Save job role" }).click();
  await expectReturned(page, "what_they_do", {
    title: "Duty Worker",
    typical_caseload: "Twenty families",
    presenter: "Ben Carter",
    what_they_do: "",
  });
});

test("the team, organisation and staff group forms keep what was typed", async ({ page }, info) => {
  await joinAs(page, `shaper.${info.project.name}@example.org`, "Sky Shaper", "coordinator");
  await page.goto("/teams/new");
  const organisation = page.getByLabel("Organisation");
  const choice = await organisation.locator("option").nth(2).getAttribute("value");
  await organisation.selectOption(choice!);
  await page.getByRole("button", { name: "Save team" }).click();
  await expectReturned(page, "name", { organisation_id: choice!, name: "" });

  await page.goto("/organisations/new");
  await page.getByLabel("Name", { exact: true }).fill(`Weston Trust ${info.project.name}`);
  await page.getByLabel("Description (optional)").fill("A charity.");
  await page.getByLabel("Website (optional)").fill("weston trust");
  await page.getByRole("button", { name: "Save" }).click();
  await expectReturned(page, "url", { name: `Weston Trust ${info.project.name}`, description: "A charity.", url: "weston trust" });

  await page.goto("/staff-groups/new");
  await page.getByLabel("Description (optional)").fill("Teams in the community.");
  await page.getByRole("button", { name: "Save" }).click();
  await expectReturned(page, "name", { description: "Teams in the community." });
});

test("the glossary's term, suggestion and decision forms keep what was typed", async ({ page }, info) => {
  await joinAs(page, `lexicon.${info.project.name}@example.org`, "Lex Icon", "coordinator");
  const fill = async (term: string) => {
    await page.getByLabel("Term", { exact: true }).fill(term);
    await page.getByLabel("What it stands for").fill("Family Group Conference");
    await page.getByLabel("Where it is used").selectOption("adult-mental-health");
    await page.getByLabel("What it means (optional)").fill("A plan a person writes.");
    await page.getByLabel("Source (optional)").fill("ftp://nowhere");
  };
  const held = (term: string) => ({
    term,
    expansion: "Family Group Conference",
    context: "adult-mental-health",
    definition: "A plan a person writes.",
    source_url: "ftp://nowhere",
  });
  const term = `FGC${info.project.name === "no-js" ? "N" : "H"}`;
  await page.goto("/glossary/new");
  await fill(term);
  await page.getByRole("button", { name: "Save term" }).click();
  await expectReturned(page, "source_url", held(term));

  await page.goto("/glossary/suggest");
  await fill(term);
  await page.getByLabel("Why (optional)").fill("Used by the recovery college");
  await page.getByRole("button", { name: "Send suggestion" }).click();
  await expectReturned(page, "source_url", { ...held(term), note: "Used by the recovery college" });

  await page.getByLabel("Source (optional)").fill("");
  await page.getByRole("button", { name: "Send suggestion" }).click();
  await expect(page.getByRole("alert")).toContainText("Suggestion sent");
  await page.getByLabel("What it means (optional)").fill("A plan a person writes to stay well.");
  await page.getByLabel("Source (optional)").fill("ftp://nowhere");
  await page.getByRole("button", { name: "Approve" }).click();
  await expectReturned(page, "source_url", { ...held(term), definition: "A plan a person writes to stay well." });
  await page.getByRole("button", { name: "Do not accept" }).click();
  await expectReturned(page, "reason", { reason: "" });
});

test("the invitation, role and import forms keep what was typed", async ({ page }, info) => {
  const name = `Kay Keeper ${info.project.name}`;
  await joinAs(page, `keeper.coordinator.${info.project.name}@example.org`, name, "coordinator");
  await page.goto("/users/invite");
  await page.getByLabel("Full name").fill("Priya Shah");
  await page.getByLabel("Work email address").fill("priya at example");
  await page.getByLabel("Role").selectOption("champion");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expectReturned(page, "email", { name: "Priya Shah", email: "priya at example", role: "champion" });

  // Coordinators cannot change their own role: the choice made is what comes back.
  await page.goto("/account");
  await page.getByRole("link", { name: "Users" }).click();
  await page.getByRole("main").getByRole("link", { name }).click();
  await page.getByLabel("New role").selectOption("board");
  await page.getByRole("button", { name: "Change role" }).click();
  await expectReturned(page, "role", { role: "board" });

  await page.goto("/import");
  await page.getByLabel("Services").check();
  await page.getByLabel("CSV file").setInputFiles({ name: "services.csv", mimeType: "text/csv", buffer: Buffer.from([0x6e, 0xe9, 0x0a]) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expectReturned(page, "file", { "kind-services": true, kind: false });
});

test("a crafted address puts no words on the sign-in page", async ({ page }) => {
  await page.goto("/login");
  const action = await page.locator("main form").getAttribute("action");
  // The framework's own encoding of an error for the sign-in form: URL-safe base64 of its JSON.
  const error = { Invalid: [{ field: "email", message: "Your account is suspended. Call 0800 000 000" }] };
  const encoded = Buffer.from(JSON.stringify(error)).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
  await page.goto(`/login?__path=${encodeURIComponent(action!)}&__err=${encodeURIComponent(encoded)}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await expect(page.getByText("0800 000 000")).toHaveCount(0);
  await expect(page.getByRole("alert")).toHaveCount(0);
});

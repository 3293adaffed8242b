import { test, expect, expectNoAxeViolations } from "./fixtures";
import { joinAs } from "./people";

test("from the home page, the CAMHS champion and how to refer are two clicks away", async ({ page }, info) => {
  await joinAs(page, `reader.${info.project.name}@example.org`, "Robin Reader", "staff");
  await page.goto("/");
  await page.getByLabel("Find a champion").fill("CAMHS");
  await page.getByRole("button", { name: "Search" }).click(); // 1
  await expect(page).toHaveURL(/\/people\?q=CAMHS/);
  await expect(page.getByRole("heading", { name: "2 people" })).toBeVisible();
  await expectNoAxeViolations(page, info);
  await page.getByRole("link", { name: "Amira Khan" }).click(); // 2
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Amira Khan");
  await expect(page.getByText("How to refer:")).toBeVisible();
  await expect(page.getByText(/single point of access/)).toBeVisible();
  await expectNoAxeViolations(page, info);

  // A typo still finds them; filters narrow the list.
  await page.goto("/people?q=cahms");
  await expect(page.getByRole("link", { name: "Amira Khan" })).toBeVisible();
  await page.goto("/people");
  await page.getByLabel("Only people who offer job shadowing").check();
  await page.getByLabel("Staff group").selectOption("Adult mental health – secondary");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("link", { name: "Elena Rossi" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ben Carter" })).toHaveCount(0);
  await expectNoAxeViolations(page, info);
});

test("services and job roles are public, and a service names its champions", async ({ page }, info) => {
  await page.goto("/services");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Services");
  await expectNoAxeViolations(page, info);
  await page.getByRole("link", { name: "Child and Adolescent Mental Health Services (CAMHS)" }).click();
  await expect(page.getByRole("heading", { name: "How to refer" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Amira Khan" })).toBeVisible();
  await expectNoAxeViolations(page, info);
  await page.getByRole("link", { name: "Primary Mental Health Worker (CAMHS)" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Job roles");
  await expect(page.getByText("Presented to the group by Amira Khan")).toBeVisible();
  await expectNoAxeViolations(page, info);
});

test("a champion edits their own profile; a mistake is explained by the field", async ({ page }, info) => {
  // Each project takes a different demo champion: the two run at once on one database.
  const [email, name] =
    info.project.name === "no-js" ? ["megan.price@example.org", "Megan Price"] : ["ben.carter@example.org", "Ben Carter"];
  await joinAs(page, email, name, "champion");
  await page.goto("/account");
  await page.getByRole("link", { name: "See your profile" }).click();
  await expect(page.getByText(/Your profile is \d+% complete/)).toBeVisible();
  await page.getByRole("link", { name: "Edit or confirm your profile" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Edit profile");
  await expectNoAxeViolations(page, info);

  await page.getByLabel("Work phone number (optional)").fill("ring me");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page).toHaveTitle(/^Error: Edit profile/);
  await expect(page.locator("#phone-error")).toContainText("Enter a phone number");
  await expectNoAxeViolations(page, info);

  await page.getByLabel("Work phone number (optional)").fill("01632 960 777");
  await page.getByLabel("Ask me about (optional)").fill("perinatal mental health, home visits, baby massage");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("alert")).toContainText("Profile saved");
  await expect(page.getByRole("link", { name: "01632 960 777" })).toBeVisible();
  await expect(page.getByText("baby massage")).toBeVisible();

  // A photo: an image is taken, anything else is explained by the field.
  await page.getByRole("link", { name: "Edit or confirm your profile" }).click();
  await page.getByLabel("Choose a photo").setInputFiles({ name: "me.txt", mimeType: "text/plain", buffer: Buffer.from("not a picture") });
  await page.getByRole("button", { name: "Upload photo" }).click();
  await expect(page.locator("#photo-error")).toContainText("The photo must be a JPG, PNG or WebP image");
  await expectNoAxeViolations(page, info);
  await page.getByLabel("Choose a photo").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: onePixelPng });
  await page.getByRole("button", { name: "Upload photo" }).click();
  await expect(page.getByRole("alert")).toContainText("Photo saved");
  await expect(page.getByRole("img", { name: `Photo of ${name}` })).toBeVisible();
  await expectNoAxeViolations(page, info);
});

/** A 1×1 PNG. */
const onePixelPng = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNgYPgPAAEDAQAIicLsAAAAAElFTkSuQmCC",
  "base64",
);

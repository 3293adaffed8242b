import { execFileSync } from "node:child_process";

export const password = "plum tractor lantern";

/** Invites a new person with the command line, as the first coordinator is, and returns the link. */
export function invite(email: string, name: string, role = "champion"): string {
  const out = execFileSync(
    "../target/release/champions",
    ["create-user", "--email", email, "--name", name, "--role", role],
    { env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, PUBLIC_URL: process.env.E2E_BASE_URL, RUST_LOG: "error" } },
  ).toString();
  return out.trim().split("\n").pop()!;
}

// Debian's Chromium (Playwright's own browser download is not possible here), with the flags
// it needs on this closed network; shared by the Playwright projects and the Lighthouse run.
export const chromiumPath = "/usr/bin/chromium";
export const chromiumFlags = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

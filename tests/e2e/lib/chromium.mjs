// Debian's Chromium and the flags it runs with headless here (DEVELOPERS.md);
// shared by the browser tests and the Lighthouse bench (bench/web). No
// dependencies, so either package can import it.
export const CHROMIUM = process.env.CHROMIUM_PATH || process.env.CHROME_PATH || '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

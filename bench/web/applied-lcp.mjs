// Observed LCP and CLS of Recipes and the Dashboard under *applied* throttling
// (the network and CPU really slowed down: 150 ms latency, 1.6 Mbps down,
// 750 kbps up, 4x CPU), for changes that Lighthouse's simulated mobile run
// cannot see, such as a request moved off the framework's critical path.
// Binaries take turns, each round on a fresh server (tests/e2e/lib/server.mjs);
// the Dashboard is signed in as the user run.mjs uses (two weeks of history),
// Recipes is a first visit. Prints every load and the median per page and
// binary.
//
//   node bench/web/applied-lcp.mjs OLD_BINARY NEW_BINARY   (N=5 loads each by default)
import { mkdirSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_FLAGS } from '../../tests/e2e/lib/chromium.mjs';
import { startServer } from '../../tests/e2e/lib/server.mjs';
import { createUserWithHistory, injectSession, signIn } from './lib/user.mjs';

const binaries = process.argv.slice(2);
if (binaries.length === 0) {
  console.error('usage: node bench/web/applied-lcp.mjs BINARY [BINARY...]');
  process.exit(2);
}
const loads = Number(process.env.N || 5);
mkdirSync('test-results', { recursive: true });

// The last LCP candidate and the summed layout shifts, once the load is over.
function paintFigures() {
  const entries = (type) => new Promise((res) => new PerformanceObserver((l) => res(l.getEntries())).observe({ type, buffered: true }));
  return Promise.all([entries('largest-contentful-paint'), Promise.race([entries('layout-shift'), new Promise((r) => setTimeout(() => r([]), 100))])]).then(
    ([lcp, shifts]) => ({
      lcp: Math.round(lcp.at(-1).startTime),
      element: lcp.at(-1).element?.tagName,
      cls: shifts.filter((e) => !e.hadRecentInput).reduce((a, e) => a + e.value, 0),
    }),
  );
}

const results = {};
for (let round = 0; round < loads; round++) {
  for (const binary of binaries) {
    const server = await startServer(binary, 'test-results/applied-lcp-server.log');
    const user = await createUserWithHistory(server.origin);
    const browser = await puppeteer.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_FLAGS, '--ignore-certificate-errors'], headless: true });
    for (const path of ['/recipes/', '/']) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      if (path === '/') await injectSession(page, server.origin, await signIn(server.origin, user));
      const cdp = await page.createCDPSession();
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.goto(server.origin + path, { waitUntil: 'networkidle0' });
      await new Promise((r) => setTimeout(r, 500));
      const f = await page.evaluate(paintFigures);
      const key = `${path} ${binary.split('/').pop()}`;
      (results[key] ||= []).push(f.lcp);
      console.log(key, 'LCP', f.lcp, 'ms', f.element, 'CLS', f.cls.toFixed(3));
      await context.close();
    }
    await browser.close();
    await server.stop();
  }
}
for (const [key, v] of Object.entries(results)) {
  const sorted = [...v].sort((a, b) => a - b);
  console.log(key, 'median LCP', sorted[Math.floor(sorted.length / 2)], 'ms; loads', JSON.stringify(v));
}

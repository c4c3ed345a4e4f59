// Observed LCP and CLS of Recipes and the Dashboard under *applied* throttling
// (the network and CPU really slowed down: 150 ms latency, 1.6 Mbps down,
// 750 kbps up, 4x CPU), for changes that Lighthouse's simulated mobile run
// cannot see, such as a request moved off the framework's critical path.
// Binaries take turns, each round on a fresh server (tests/e2e/lib/server.mjs)
// with a newly registered user for the Dashboard; prints every load and the
// median per page and binary.
//
//   node bench/web/applied-lcp.mjs OLD_BINARY NEW_BINARY   (N=5 loads each by default)
import puppeteer from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_FLAGS } from '../../tests/e2e/lib/chromium.mjs';
import { startServer } from '../../tests/e2e/lib/server.mjs';
const bins = process.argv.slice(2);
if (bins.length === 0) {
  console.error('usage: node bench/web/applied-lcp.mjs BINARY [BINARY...]');
  process.exit(2);
}
const n = +(process.env.N || 5);
const res = {};
for (let round = 0; round < n; round++) for (const bin of bins) {
  const server = await startServer(bin, 'test-results/applied-lcp-server.log');
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_FLAGS, '--ignore-certificate-errors'], headless: true });
  // signed-in user for the dashboard
  const setup = await browser.newPage();
  await setup.goto(server.origin + '/calculator/');
  const tokens = await setup.evaluate(async () => {
    const j = (b) => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(b) });
    await fetch('/api/v1/auth/register', j({ email: 'e@x.example', password: 'long-password-1', name: 'E' }));
    return (await fetch('/api/v1/auth/login', j({ email: 'e@x.example', password: 'long-password-1' }))).json();
  });
  await setup.close();
  for (const path of ['/recipes/', '/']) {
    const ctx = await browser.createBrowserContext();
    const page = await ctx.newPage();
    if (path === '/') {
      await page.goto(server.origin + '/404.html');
      await page.evaluate((t) => { sessionStorage.setItem('th.access', t.access_token); localStorage.setItem('th.refresh', t.refresh_token); }, tokens);
    }
    const cdp = await page.createCDPSession();
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(server.origin + path, { waitUntil: 'networkidle0' });
    await new Promise((r) => setTimeout(r, 500));
    const lcp = await page.evaluate(() => new Promise((res) => new PerformanceObserver((l) => { const e = l.getEntries().at(-1); res([Math.round(e.startTime), e.element?.tagName]); }).observe({ type: 'largest-contentful-paint', buffered: true })));
    const cls = await page.evaluate(() => new Promise((res) => { let v = 0; const src = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) { if (!e.hadRecentInput) { v += e.value; src.push(e.value.toFixed(3) + ':' + (e.sources || []).map((s) => s.node?.nodeName + '.' + (s.node?.className?.baseVal ?? s.node?.className ?? '').toString().slice(0, 40) + ' ' + JSON.stringify([s.previousRect.y, s.currentRect.y, s.previousRect.height, s.currentRect.height])).join('|')); } } }).observe({ type: 'layout-shift', buffered: true }); setTimeout(() => res([v.toFixed(3), src]), 100); }));
    lcp.push(JSON.stringify(cls));
    const k = `${path} ${bin.split('/').pop()}`;
    (res[k] ||= []).push(lcp[0]);
    console.log(k, 'LCP', lcp[0], 'ms', lcp[1], 'CLS', lcp[2]);
    await ctx.close();
  }
  await browser.close();
  await server.stop();
}
for (const [k, v] of Object.entries(res)) {
  const s = [...v].sort((a, b) => a - b);
  console.log(k, 'median LCP', s[Math.floor(s.length / 2)], 'ms; loads', JSON.stringify(v));
}

import type { Browser, Page } from 'playwright-core';

export interface Throttle {
  latencyMs: number;
  downKbps: number;
  upKbps: number;
  cpuSlowdown: number; // 1 = none
}

export interface PageVisit {
  fcpMs: number;
  usableMs?: number; // the watched button visible and enabled, and painted
  domContentLoadedMs: number;
  loadMs: number;
  transferBytes: number; // every response on the wire, headers included, as Chromium counted them
  requests: Array<{ url: string; bytes: number }>;
  repeatTransferBytes?: number; // the same page again in the same tab (cache warm)
}

// Polls from the very start of the document, on every animation frame, until
// the button is there, enabled, laid out, not hidden, and every stylesheet
// has loaded (before that the page is not painted).
const WATCH = (selector: string) => `(() => {
  const check = () => {
    const b = document.querySelector(${JSON.stringify(selector)});
    const sheetsReady = Array.from(document.querySelectorAll('link[rel="stylesheet"]')).every((l) => l.sheet);
    if (b && !b.disabled && sheetsReady) {
      const r = b.getBoundingClientRect();
      const cs = getComputedStyle(b);
      if (r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none' && Number(cs.opacity) > 0) {
        window.__benchUsableAt = performance.now();
        return;
      }
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

const READ = `(() => {
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    fcp: paint ? paint.startTime : NaN,
    usable: typeof window.__benchUsableAt === 'number' ? window.__benchUsableAt : NaN,
    dcl: nav ? nav.domContentLoadedEventEnd : NaN,
    load: nav ? nav.loadEventEnd : NaN,
  };
})()`;

// Polls an expression from outside: page.waitForFunction evaluates a string
// with eval inside the page, which the pages' CSP (rightly) forbids.
async function waitInPage(page: Page, expression: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface CdpEvent {
  requestId: string;
  encodedDataLength?: number;
  request?: { url: string };
  response?: { url: string; encodedDataLength?: number };
}

// One cold visit in a fresh phone-sized context with the network throttled
// through the DevTools protocol; times are from navigation start.
export async function visitPage(browser: Browser, url: string, throttle: Throttle, o: { watch?: string; repeat?: boolean; lingerMs?: number } = {}): Promise<PageVisit> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'nb-NO',
    timezoneId: 'Europe/Oslo',
  });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const urls = new Map<string, string>();
    const bytes = new Map<string, number>();
    cdp.on('Network.requestWillBeSent', (e: CdpEvent) => urls.set(e.requestId, e.request?.url ?? '?'));
    cdp.on('Network.responseReceived', (e: CdpEvent) => bytes.set(e.requestId, (bytes.get(e.requestId) ?? 0) + (e.response?.encodedDataLength ?? 0)));
    cdp.on('Network.dataReceived', (e: CdpEvent) => bytes.set(e.requestId, (bytes.get(e.requestId) ?? 0) + (e.encodedDataLength ?? 0)));
    // The total for the request when it finishes: headers and body as received.
    cdp.on('Network.loadingFinished', (e: CdpEvent) => bytes.set(e.requestId, e.encodedDataLength ?? bytes.get(e.requestId) ?? 0));
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: throttle.latencyMs,
      downloadThroughput: (throttle.downKbps * 1000) / 8,
      uploadThroughput: (throttle.upKbps * 1000) / 8,
    });
    if (throttle.cpuSlowdown > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle.cpuSlowdown });
    if (o.watch) await page.addInitScript({ content: WATCH(o.watch) });

    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    if (o.watch) await waitInPage(page, 'typeof window.__benchUsableAt === "number"', 60_000);
    await waitInPage(page, 'performance.getEntriesByName("first-contentful-paint").length > 0', 60_000);
    // A live page opens its event stream after load; give it a moment so its first bytes count.
    await page.waitForTimeout(o.lingerMs ?? 300);
    const t = (await page.evaluate(READ)) as { fcp: number; usable: number; dcl: number; load: number };
    const requests = [...urls.entries()].map(([id, u]) => ({ url: new URL(u).pathname, bytes: bytes.get(id) ?? 0 }));
    const visit: PageVisit = {
      fcpMs: t.fcp,
      usableMs: o.watch ? Math.max(t.usable, t.fcp) : undefined,
      domContentLoadedMs: t.dcl,
      loadMs: t.load,
      transferBytes: requests.reduce((s, r) => s + r.bytes, 0),
      requests,
    };
    if (o.repeat) {
      const before = new Set(urls.keys());
      await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
      await page.waitForTimeout(o.lingerMs ?? 300);
      let again = 0;
      for (const [id] of urls) if (!before.has(id)) again += bytes.get(id) ?? 0;
      visit.repeatTransferBytes = again;
    }
    return visit;
  } finally {
    await context.close();
  }
}

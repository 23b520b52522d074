// Opens framescope HTML reports headless in the system's browsers (no
// browser download: puppeteer-core drives Debian's /usr/bin/chromium over
// CDP and /usr/bin/firefox-esr over WebDriver BiDi) and checks what a
// reader would see: every chart drew (SVG or canvas), the console has no
// error, no request left the file, a table toggle shows its table, and an
// opened article shows highlighted spans whose tooltip names the rule and
// its file:line, and (Chromium) the print medium hides the controls and
// keeps every chart. Prints one JSON object per report; exits 1 on a failure.
//
// usage: node check.mjs chromium|firefox SCREENSHOT_DIR REPORT.html [REPORT.html ...]
import puppeteer from 'puppeteer-core';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [which, outDir, ...reports] = process.argv.slice(2);
if (!['chromium', 'firefox'].includes(which) || !outDir || reports.length === 0) {
  console.error('usage: node check.mjs chromium|firefox SCREENSHOT_DIR REPORT.html [REPORT.html ...]');
  process.exit(2);
}

const VIEWPORT = { width: 1280, height: 900 };
const browser = which === 'chromium'
  ? await puppeteer.launch({
    browser: 'chrome',
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    defaultViewport: VIEWPORT,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  // Firefox ESR's BiDi lacks the viewport command: size the window instead.
  : await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX || '/usr/bin/firefox-esr',
    headless: true,
    defaultViewport: null,
    args: [`--width=${VIEWPORT.width}`, `--height=${VIEWPORT.height}`],
  });

let failed = false;
try {
  for (const report of reports) {
    const result = await check(report);
    console.log(JSON.stringify(result));
    if (result.problems.length) failed = true;
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);

async function check(report) {
  const problems = [];
  const consoleErrors = [];
  const requests = [];
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  // The report must need nothing but itself: any request for something
  // other than the file (or data it made) is a failure. The machine is
  // offline, so such a request could not succeed anyway.
  page.on('request', (r) => {
    const url = r.url();
    if (!/^(file|data|blob|about):/.test(url)) requests.push(url);
  });
  await page.goto(pathToFileURL(path.resolve(report)).href, { waitUntil: 'load' });
  await page.waitForFunction(() => window.framescopeReport !== undefined, { timeout: 30000 });
  const count = await page.evaluate(() => window.framescopeReport.rendered);

  const charts = await page.$$eval('.chart', (els) => els.map((e) => ({
    section: e.closest('section').id,
    rendered: e.dataset.rendered || 'pending',
    svg: e.querySelectorAll('svg').length,
    canvas: e.querySelectorAll('canvas').length,
    marks: e.querySelectorAll('svg path, svg line, svg text, svg rect').length,
  })));
  if (charts.length !== count) problems.push(`${charts.length} chart containers but ${count} charts embedded`);
  for (const c of charts) {
    if (c.rendered !== 'true' || c.svg + c.canvas === 0 || c.marks === 0) {
      problems.push(`a chart in #${c.section} did not render: ${JSON.stringify(c)}`);
    }
  }
  const perSection = {};
  for (const c of charts) perSection[c.section] = (perSection[c.section] || 0) + 1;

  // A table toggle shows the chart's numbers as a table.
  let tableRows = 0;
  const toggle = await page.$('.figure .tools button');
  if (toggle) {
    await toggle.click();
    tableRows = await page.$eval('.figure [id$="-table"]:not([hidden]) table', (t) => t.querySelectorAll('tbody tr').length)
      .catch(() => 0);
    if (!tableRows) problems.push('the first "Show table" button showed no table rows');
  }

  // Open the first article that has its sentences; spans are highlighted.
  const opener = await page.$('#article-list .row .open:not([disabled])');
  let highlighted = 0;
  let tooltip = '';
  let tabbedToMark = null;
  if (!opener) {
    problems.push('no article can be opened');
  } else {
    await opener.click();
    highlighted = await page.$$eval('#article-list .article:not([hidden]) mark.fr', (m) => m.length);
    if (!highlighted) problems.push('the opened article shows no highlighted span');
    // Keyboard: focus the first highlight; its tooltip names rule and origin.
    await page.focus('#article-list .article:not([hidden]) mark.fr');
    tooltip = await page.$eval('#tip', (t) => (t.hidden ? '' : t.textContent));
    if (!/rule \S+:\S+/.test(tooltip) || !/declared at \S+\.toml:\d+/.test(tooltip) || !/weight \d/.test(tooltip)) {
      problems.push(`the tooltip of a highlight lacks rule, file:line or weight: ${JSON.stringify(tooltip)}`);
    }
    await page.keyboard.press('Escape');
    // Keyboard alone: from the article's own button, Tab reaches a
    // highlight (the page's order, no mouse and no script focus).
    await opener.focus();
    tabbedToMark = false;
    for (let i = 0; i < 40 && !tabbedToMark; i += 1) {
      await page.keyboard.press('Tab');
      tabbedToMark = await page.evaluate(() => document.activeElement?.matches('mark.fr') ?? false);
    }
    if (!tabbedToMark) problems.push('Tab from an opened article does not reach its highlights');
    await page.keyboard.press('Escape');
  }

  // Search narrows the list.
  const total = await page.$$eval('#article-list > li', (l) => l.length);

  // Print (Chromium; Firefox's BiDi cannot emulate the print medium): the
  // controls are gone, every chart keeps a drawing of non-zero size, and
  // the frame colours of the highlights are kept.
  let printed = null;
  if (which === 'chromium') {
    await page.emulateMediaType('print');
    printed = await page.evaluate(() => {
      const shown = (e) => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0;
      const controls = [...document.querySelectorAll('nav, .tools, #tip, .filters')].filter(shown).length;
      const charts = [...document.querySelectorAll('.chart')];
      const drawn = charts.filter((c) => {
        const g = c.querySelector('svg, canvas');
        return g && shown(g) && g.getBoundingClientRect().width > 0 && g.getBoundingClientRect().height > 0;
      }).length;
      const mark = document.querySelector('mark.fr');
      const adjust = mark ? getComputedStyle(mark).printColorAdjust || getComputedStyle(mark).webkitPrintColorAdjust : '';
      return { controls, charts: charts.length, drawn, adjust };
    });
    if (printed.controls) problems.push(`${printed.controls} controls still shown when printed`);
    if (printed.drawn !== printed.charts) problems.push(`only ${printed.drawn} of ${printed.charts} charts drawn when printed`);
    if (printed.adjust !== 'exact') problems.push(`highlights lose their colour in print: ${printed.adjust}`);
    await page.pdf({ path: path.join(outDir, `${path.basename(report).replace(/\.html?$/, '')}-${which}.pdf`), format: 'A4' });
    await page.emulateMediaType(null);
  }

  const name = path.basename(report).replace(/\.html?$/, '');
  const screenshot = path.join(outDir, `${name}-${which}.png`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: screenshot, fullPage: true });
  if (consoleErrors.length) problems.push(`console errors: ${consoleErrors.join(' | ')}`);
  if (requests.length) problems.push(`requests left the file: ${requests.join(', ')}`);
  await context.close();
  return { browser: which, report, charts: charts.length, perSection, tableRows, articlesListed: total, highlighted, tooltip, tabbedToMark, printed, screenshot, problems };
}

// Takes the README's screenshots of a framescope report in headless
// Chromium: the groups and same-event sections, and an opened article
// with the tooltip of a highlighted span (keyboard focus). The page is
// shown as it is; nothing is hidden or restyled.
//
// usage: node screenshot.mjs REPORT.html CHARTS.png ARTICLE.png
import puppeteer from 'puppeteer-core';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [report, chartsPng, articlePng] = process.argv.slice(2);
if (!articlePng) {
  console.error('usage: node screenshot.mjs REPORT.html CHARTS.png ARTICLE.png');
  process.exit(2);
}
const browser = await puppeteer.launch({
  browser: 'chrome',
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  defaultViewport: { width: 1200, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
    '--no-first-run', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage();
await page.goto(pathToFileURL(path.resolve(report)).href);
await page.waitForFunction(() => window.framescopeReport !== undefined);
await page.evaluate(() => window.framescopeReport.rendered);

// The groups (intervals, distinctive terms) and same-event sections.
const region = await page.evaluate(() => {
  const g = document.getElementById('groups').getBoundingClientRect();
  const p = document.getElementById('paired').getBoundingClientRect();
  return { top: g.top + window.scrollY, bottom: p.bottom + window.scrollY };
});
await page.screenshot({ path: chartsPng, clip: { x: 0, y: region.top, width: 1200, height: region.bottom - region.top }, captureBeyondViewport: true });

// An opened article, a highlight focused with its tooltip.
const opener = await page.$('#article-list .row .open:not([disabled])');
await opener.click();
const mark = await page.$('#article-list .article:not([hidden]) mark.fr');
await mark.focus();
const li = await page.$('#article-list > li');
const box = await page.evaluate((e) => {
  const r = e.getBoundingClientRect();
  return { top: r.top + window.scrollY, height: r.height };
}, li);
await page.screenshot({ path: articlePng, clip: { x: 0, y: box.top - 140, width: 1200, height: Math.min(box.height + 140, 900) }, captureBeyondViewport: true });
await browser.close();

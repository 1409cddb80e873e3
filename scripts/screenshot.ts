// Takes screenshots of the running app for people to look at: npx tsx scripts/screenshot.ts URL OUT.png [width]
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/browser';

const [url = 'http://127.0.0.1:5173/', out = 'screenshot.png', width = '1280'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
await page.goto(url);
await page.waitForLoadState('networkidle');
await page.screenshot({ path: out, fullPage: true });
await browser.close();
console.log(`wrote ${out}`);

import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-quic','--no-first-run'] });
const p = await b.newPage({ viewport: { width: 1280, height: 1500 } });
await p.goto(process.argv[2]);
await p.screenshot({ path: process.argv[3] });
await b.close();

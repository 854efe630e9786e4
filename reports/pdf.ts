import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { GovappError } from '../src/errors.ts';
import { REPORT_FILE } from './html/render.ts';

/**
 * Headless Chromium for the report: `report.pdf` (print CSS) and report checks in tests.
 * The system Chromium (Debian `chromium`) is used by default; `GOVAPP_CHROMIUM` overrides it.
 * Nothing here touches the network: the report is a local file with no external references.
 */
export const PDF_FILE = 'report.pdf';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  return process.env.GOVAPP_CHROMIUM ?? '/usr/bin/chromium';
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new GovappError('BAD_CONFIG', `no Chromium at ${executablePath} (install Debian "chromium" or set GOVAPP_CHROMIUM)`);
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

/** Prints the bundle's report.html to report.pdf (A4, backgrounds on); returns the PDF path. */
export async function renderPdf(bundleDir: string, browser?: Browser): Promise<string> {
  const html = path.resolve(bundleDir, REPORT_FILE);
  if (!existsSync(html)) throw new GovappError('BAD_BUNDLE', `${html}: missing (render the report first)`);
  const own = browser ? undefined : await launchChromium();
  try {
    const page = await (browser ?? own!).newPage();
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const out = path.resolve(bundleDir, PDF_FILE);
    await page.pdf({ path: out, format: 'A4', printBackground: true, preferCSSPageSize: true });
    await page.close();
    return out;
  } finally {
    await own?.close();
  }
}

/**
 * One headless Chromium per process, launched lazily and shared; pages are
 * opened per report and always closed. The browser reaches no network.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { ReportError } from '../util/errors.js';
import { messages } from '../util/messages.js';
import { findBrowser } from './find-browser.js';
import { isInterrupted, onInterrupt } from '../util/interrupt.js';

export interface BrowserSessionOptions {
  executablePath?: string;
  /** ms for one page to be ready and printed. */
  timeout?: number;
}

// Flags for a closed network and reproducible output (see the env notes in the README).
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--disable-dev-shm-usage',
  '--force-device-scale-factor=1',
  '--font-render-hinting=none',
  '--lang=nl-NL',
];

interface PageSlot {
  page: Page;
  browser: Browser;
  close: () => Promise<void>;
  /** Problems seen by the page during the current report. */
  failures: string[];
  uses: number;
}

/** A page is replaced after this many reports, so that no slow leak builds up over a long batch. */
const PAGE_REUSE_LIMIT = 50;

export class BrowserSession implements AsyncDisposable {
  private readonly idle: PageSlot[] = [];
  private browserPromise?: Promise<Browser>;
  private forgetInterrupt?: () => void;
  private current?: Browser;
  /** How many times a browser was started (1 for a healthy run; more after crashes). */
  launches = 0;
  readonly timeout: number;

  constructor(private readonly options: BrowserSessionOptions = {}) {
    this.timeout = options.timeout ?? 60_000;
  }

  browser(): Promise<Browser> {
    // After Ctrl-C no browser is started (again): the page asked for belongs to work that is stopping.
    if (isInterrupted()) return Promise.reject(new ReportError(messages.browserInterrupted(), 'interrupted'));
    if (!this.browserPromise) {
      // Registered before the launch, so that an interrupt during the launch closes the browser once it is up.
      this.forgetInterrupt ??= onInterrupt(() => this.close());
      const executablePath = findBrowser(this.options.executablePath);
      this.browserPromise = puppeteer
        .launch({
          executablePath,
          headless: true,
          // A pipe, not a debugging port: when this process dies (even by SIGKILL) the pipe closes and Chromium exits with it.
          // Puppeteer starts Chromium detached (its own session and process group), so the terminal's Ctrl-C reaches
          // only us, and we close the browser after the batch has stopped (tests/integration/interrupt.test.ts).
          pipe: true,
          args: chromiumArgs,
          handleSIGINT: false,
          handleSIGTERM: false,
          handleSIGHUP: false,
          env: { ...process.env, TZ: 'UTC' },
        })
        .then((browser) => {
          this.launches++;
          // A crashed or killed browser is replaced on the next page request.
          browser.once('disconnected', () => {
            if (this.current === browser) {
              this.browserPromise = undefined;
              this.current = undefined;
            }
          });
          this.current = browser;
          return browser;
        })
        .catch((cause: Error) => {
          this.browserPromise = undefined;
          throw new ReportError(messages.browserLaunchFailed(executablePath, cause.message.split('\n')[0]), 'browser', { cause });
        });
    }
    return this.browserPromise;
  }

  /** The browser's process id, for measuring its memory. */
  pid(): number | undefined {
    return this.current?.process()?.pid;
  }

  /**
   * Runs fn on a page that may load nothing but inline (data:) content. Pages are
   * kept warm and reused (a new page costs Chromium more than new content); a
   * page that failed, ran past the timeout or served many reports is closed.
   */
  async withPage<T>(fn: (page: Page, failures: string[]) => Promise<T>): Promise<T> {
    const browser = await this.browser();
    const pooled = this.idle.pop();
    const warm = pooled && pooled.browser === browser && !pooled.page.isClosed() ? pooled : undefined;
    const slot = warm ?? (await this.openPage(browser));
    slot.failures.length = 0;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ReportError(messages.renderTimeout(this.timeout), 'render')), this.timeout);
    });
    let healthy = false;
    try {
      const result = await Promise.race([fn(slot.page, slot.failures), timedOut]);
      healthy = slot.failures.length === 0;
      return result;
    } finally {
      clearTimeout(timer);
      slot.uses++;
      if (healthy && slot.uses < PAGE_REUSE_LIMIT && this.browserPromise) this.idle.push(slot);
      // A hung page may not close promptly; do not let it block the queue.
      else await Promise.race([slot.close().catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
    }
  }

  private async openPage(browser: Browser): Promise<PageSlot> {
    // One context for all pages: measured on 2 cores, a context (renderer process) per page
    // was 25% slower and used no less memory.
    const page = await browser.newPage();
    const slot: PageSlot = { page, browser, close: () => page.close(), failures: [], uses: 0 };
    page.setDefaultTimeout(this.timeout);
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      const url = req.url();
      if (url.startsWith('data:') || url === 'about:blank') void req.continue();
      else {
        slot.failures.push(messages.pageBlockedRequest(url));
        void req.abort('blockedbyclient');
      }
    });
    page.on('pageerror', (err) => slot.failures.push(messages.pageError(err instanceof Error ? err.message : String(err))));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !msg.text().includes('ERR_BLOCKED_BY_CLIENT')) slot.failures.push(messages.pageError(msg.text()));
    });
    return slot;
  }

  async close(): Promise<void> {
    const p = this.browserPromise;
    this.browserPromise = undefined;
    this.idle.length = 0;
    this.forgetInterrupt?.();
    this.forgetInterrupt = undefined;
    if (p) await (await p.catch(() => undefined))?.close().catch(() => undefined);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

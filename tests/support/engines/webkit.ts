/**
 * WebKit for the cross-engine journeys: Debian's WebKitWebDriver driving WebKitGTK's MiniBrowser
 * on a virtual display (Xvfb), through selenium-webdriver; never a downloaded build. Every request
 * that is not for this machine goes through a proxy on a closed local port.
 * WebKit's WebDriver click fails on inputs inside a shadow root (https://webkit.org/b/209233), so
 * clicks are pointer actions at the element and typing focuses from script, never by a click.
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Builder, type WebDriver, type WebElement } from 'selenium-webdriver';
import { widgetElement, type EnginePage } from './engine-page';
import { closedPort, SCREENSHOT_DIR } from './network';
import { startXvfb } from './xvfb';

const DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
const MINIBROWSER_PATH = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** Starts WebKitWebDriver on a free port with `env`; resolves once it answers /status. */
async function startDriver(env: NodeJS.ProcessEnv): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await closedPort();
  const driver = spawn(DRIVER_PATH, [`--port=${port}`, '--host=127.0.0.1'], { env, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise((resolve) => driver.once('exit', resolve));
  // Asked again until it listens: each try is one round trip that fails at once.
  for (;;) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited (${driver.exitCode})`);
    const ready = await fetch(`${url}/status`).then((r) => r.ok, () => false);
    if (ready) break;
    await Promise.race([exited, new Promise((resolve) => setImmediate(resolve))]);
  }
  return {
    url,
    async stop() {
      if (driver.exitCode === null) driver.kill();
      await exited;
    },
  };
}

export async function launchWebKit(): Promise<EnginePage> {
  const screen = await startXvfb();
  const proxy = `127.0.0.1:${await closedPort()}`;
  // No accessibility bus here: GTK would wait for one at every start (NO_AT_BRIDGE).
  const server = await startDriver({ ...process.env, DISPLAY: screen.display, NO_AT_BRIDGE: '1' });
  const driver: WebDriver = await new Builder()
    .usingServer(server.url)
    .withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER_PATH, args: ['--automation'] },
      proxy: { proxyType: 'manual', httpProxy: proxy, sslProxy: proxy, noProxy: ['127.0.0.1', 'localhost'] },
    })
    .build();
  await driver.manage().window().setRect({ width: 1100, height: 800 });
  const element = (selector: string): Promise<WebElement> => driver.executeScript<WebElement>(`return (${widgetElement.toString()})(arguments[0]);`, selector);
  return {
    engine: 'webkit',
    async goto(url) {
      await driver.get(url);
    },
    async reload() {
      await driver.navigate().refresh();
    },
    run<A, T>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T> {
      // WebDriver's Execute Script awaits a returned promise.
      return driver.executeScript<T>(`return (${fn.toString()})(arguments[0]);`, arg);
    },
    async inject(source) {
      await driver.executeScript(source);
    },
    async click(selector) {
      await driver.actions().move({ origin: await element(selector) }).press().release().perform();
    },
    async type(selector, text) {
      const target = await element(selector);
      await driver.executeScript('arguments[0].focus();', target);
      await driver.actions().sendKeys(text.replaceAll('\n', '\uE007')).perform();
    },
    async chooseFiles(selector, paths) {
      await (await element(selector)).sendKeys(paths.join('\n'));
    },
    async screenshot(name) {
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      await writeFile(path.join(SCREENSHOT_DIR, `webkit-${name}.png`), await driver.takeScreenshot(), 'base64');
    },
    async close() {
      await driver.quit().catch(() => undefined);
      await server.stop();
      await screen.stop();
    },
  };
}

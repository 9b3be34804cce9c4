/**
 * Stand-ins for the captcha providers the Functions support (Turnstile, hCaptcha, reCAPTCHA), so a
 * site that configures one still runs locally and in tests with no network:
 *   GET  /__captcha/api.js      defines `turnstile`, `hcaptcha` and `grecaptcha`, each with the
 *                               providers' `render(element, {sitekey, callback})`: a button that
 *                               yields a token naming the page's host
 *   POST /__captcha/siteverify  the providers' verification: form `secret`, `response`; answers
 *                               `{success, hostname, "error-codes"}`; each token passes once
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '../http-io';

const TOKEN_PREFIX = 'emulated-captcha.';

// A classic script with no inline styles, so it runs on pages with a strict CSP too.
const SCRIPT = `(function () {
  var api = {
    render: function (element, options) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'emulated-captcha';
      button.textContent = 'I am not a robot (emulated captcha)';
      button.addEventListener('click', function () {
        button.disabled = true;
        button.textContent = 'Verified (emulated captcha)';
        options.callback('${TOKEN_PREFIX}' + btoa(location.hostname) + '.' + Math.random().toString(36).slice(2));
      });
      element.appendChild(button);
      return 'emulated';
    },
    reset: function () {},
  };
  window.turnstile = window.hcaptcha = window.grecaptcha = api;
})();
`;

export function createCaptchaHandler() {
  const used = new Set<string>();
  return async function handleCaptcha(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname === '/__captcha/api.js' && request.method === 'GET') {
      response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' }).end(SCRIPT);
      return true;
    }
    if (url.pathname !== '/__captcha/siteverify' || request.method !== 'POST') return false;
    const form = new URLSearchParams((await readBody(request, 16 * 1024)).toString('utf8'));
    const token = form.get('response') ?? '';
    if (!form.get('secret')) {
      sendJson(response, 200, { success: false, 'error-codes': ['missing-input-secret'] });
    } else if (!token.startsWith(TOKEN_PREFIX)) {
      sendJson(response, 200, { success: false, 'error-codes': ['invalid-input-response'] });
    } else if (used.has(token)) {
      sendJson(response, 200, { success: false, 'error-codes': ['timeout-or-duplicate'] });
    } else {
      used.add(token);
      const hostname = Buffer.from(token.slice(TOKEN_PREFIX.length).split('.')[0] ?? '', 'base64').toString('utf8');
      sendJson(response, 200, { success: true, hostname, 'error-codes': [] });
    }
    return true;
  };
}

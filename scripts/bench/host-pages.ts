/**
 * The bench's host pages, like our users' pages rather than an empty one: a content page (a hero
 * picture and two web fonts, about 1 MB), a product page (about 300 KB of third-party tags that
 * work on load) and a single-page app's shell (an empty body its bundle fills from JSON). Each is
 * served without the widget and with it under each way of embedding it (`EMBEDS`); each has a
 * `#bench-action` button, the interaction whose INP is measured.
 */
import { catalogue, font, picture, spaBundle, thirdPartyTag } from './host-assets';

export const PAGES = ['content', 'product', 'spa'] as const;
export type HostPage = (typeof PAGES)[number];

/**
 * Ways to embed the loader, each one tag. `async` is what the README showed; `fetchpriority="low"`
 * asks the browser to fetch it after the page's own resources
 * (https://html.spec.whatwg.org/multipage/urls-and-fetching.html#fetch-priority-attributes);
 * `defer` runs it after parsing, in order with the page's deferred scripts; `after-load` is the
 * snippet chat vendors such as Intercom paste, which adds the script once `load` has fired, so
 * the page's load event never waits for it (an inline script: pages with a strict CSP need a hash).
 */
export const EMBEDS = {
  async: '<script src="/webchat.js" async></script>',
  'async-low': '<script src="/webchat.js" async fetchpriority="low"></script>',
  defer: '<script src="/webchat.js" defer></script>',
  'after-load':
    '<script>addEventListener("load",function(){var s=document.createElement("script");s.src="/webchat.js";document.head.appendChild(s)})</script>',
} as const;
export type Embed = keyof typeof EMBEDS;

export interface Asset {
  body: Buffer | string;
  type: string;
}

const lorem = (n: number, seed: number): string =>
  (JSON.parse(catalogue(n, seed)) as Array<{ name: string }>).map((p) => `${p.name[0]?.toUpperCase()}${p.name.slice(1)} keeps well through winter.`).join(' ');

const HEAD = '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">';

function contentPage(tag: string): string {
  const paragraphs = Array.from({ length: 60 }, (_, i) => `<p>${lorem(12, i + 1)}</p>`).join('');
  return `<!doctype html><html lang="en"><head>${HEAD}<title>Winter gardening guide</title>
<link rel="preload" href="/content/serif.ttf" as="font" type="font/ttf" crossorigin>
<style>@font-face{font-family:Body;src:url(/content/serif.ttf) format("truetype");font-display:swap}
@font-face{font-family:Heading;src:url(/content/serif-bold.ttf) format("truetype");font-display:swap}
body{margin:0;font:18px/1.6 Body,Georgia,serif}h1{font-family:Heading,Georgia,serif;font-size:40px;margin:16px 24px}
.hero{display:block;width:100%;height:auto}main{max-width:720px;margin:0 auto;padding:0 16px}</style>${tag}</head>
<body><header><h1>Your garden through the winter</h1></header><img class="hero" src="/content/hero.png" width="560" height="210" alt="A garden in winter light">
<main><button id="bench-action" type="button">Show comments</button><ol id="comments"></ol>${paragraphs}</main>
<script>document.getElementById("bench-action").addEventListener("click",function(){var c=document.getElementById("comments");
c.innerHTML=Array.from({length:300},function(_,i){return "<li>Reader "+i+": "+"thanks for the tips. ".repeat(1+i%5)+"</li>"}).join("")});</script></body></html>`;
}

function productPage(tag: string): string {
  return `<!doctype html><html lang="en"><head>${HEAD}<title>Stainless trowel — Garden shop</title>
<style>body{margin:0;font:16px/1.5 system-ui,sans-serif}.product{display:flex;gap:24px;padding:24px;flex-wrap:wrap}
.product img{width:480px;max-width:100%;height:auto}#recommendations{display:flex;flex-wrap:wrap;gap:12px;list-style:none;padding:0 24px;min-height:120px}</style>
${tag}<script src="/product/tag-manager.js" async></script><script src="/product/analytics.js" async></script><script src="/product/recommendations.js" defer></script></head>
<body><header style="padding:12px 24px;background:#234;color:#fff">Garden shop · <span id="cart">0</span> in the cart</header>
<div class="product"><img src="/product/trowel.png" width="360" height="270" alt="Stainless trowel"><div><h1>Stainless trowel</h1>
<p>${lorem(20, 99)}</p><p><b>12.90 €</b></p><button id="bench-action" type="button">Add to cart</button></div></div>
<h2 style="padding:0 24px">You may also like</h2><ul id="recommendations"></ul>
<script>document.getElementById("bench-action").addEventListener("click",function(){var items=JSON.parse(localStorage.getItem("cart")||"[]");
items.push({sku:"trowel",at:Date.now()});for(var i=0;i<20000;i++)items.sort(function(a,b){return a.at-b.at});
localStorage.setItem("cart",JSON.stringify(items));document.getElementById("cart").textContent=String(items.length)});</script></body></html>`;
}

function spaShell(tag: string): string {
  return `<!doctype html><html lang="en"><head>${HEAD}<title>Garden shop</title>
<style>body{margin:0;font:16px/1.5 system-ui,sans-serif}.bar{display:flex;justify-content:space-between;align-items:center;padding:12px 24px;background:#234;color:#fff}
.lead{padding:0 24px;font-size:20px}.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:12px;padding:24px}.card{border:1px solid #ccc;padding:8px}</style>
${tag}<script src="/spa/app.js" defer></script></head><body><div id="app"></div></body></html>`;
}

const BUILD: Record<HostPage, (tag: string) => string> = { content: contentPage, product: productPage, spa: spaShell };

/** The page's HTML without the widget (`embed` null) or with it, embedded that way. */
export function hostPage(page: HostPage, embed: Embed | null): string {
  return BUILD[page](embed === null ? '' : EMBEDS[embed]);
}

/** Every file the pages load, by path; made once per bench run. */
export function hostAssets(): Map<string, Asset> {
  const png = (body: Buffer): Asset => ({ body, type: 'image/png' });
  const js = (body: string): Asset => ({ body, type: 'text/javascript' });
  return new Map<string, Asset>([
    ['/content/hero.png', png(picture(560, 210, 1))],
    ['/content/serif.ttf', { body: font('DejaVuSerif.ttf'), type: 'font/ttf' }],
    ['/content/serif-bold.ttf', { body: font('DejaVuSerif-Bold.ttf'), type: 'font/ttf' }],
    ['/product/trowel.png', png(picture(360, 270, 2))],
    ['/product/tag-manager.js', js(thirdPartyTag('tag-manager', 110, 120, false))],
    ['/product/analytics.js', js(thirdPartyTag('analytics', 100, 120, false))],
    ['/product/recommendations.js', js(thirdPartyTag('recommendations', 90, 40, true))],
    ['/spa/app.js', js(spaBundle(150))],
    ['/spa/data.json', { body: catalogue(400, 77), type: 'application/json' }],
  ]);
}

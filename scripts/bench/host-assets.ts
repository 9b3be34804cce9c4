/**
 * The files the bench's host pages load besides their HTML, made here so the bench needs no
 * network: pictures (PNG, stored uncompressed so their size is what the page says), web fonts
 * (Debian's DejaVu, which Chromium's package brings along), and scripts that stand in for a shop's
 * third-party tags and for a single-page app's bundle. Each script carries data (what makes such
 * scripts large) and does real work with it on load: parsing, sorting, hashing, building DOM.
 */
import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

/** The same pseudo-random sequence on every run (mulberry32), so every page is the same bytes each time. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A `width` × `height` RGB picture of soft gradients with grain, about 3 bytes a pixel. */
export function picture(width: number, height: number, seed: number): Buffer {
  const next = random(seed);
  const row = 1 + width * 3;
  const pixels = Buffer.alloc(row * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const at = y * row + 1 + x * 3;
      const grain = next() * 24;
      pixels[at] = (x * 200) / width + grain;
      pixels[at + 1] = (y * 180) / height + grain;
      pixels[at + 2] = 120 + grain;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(pixels, { level: 0 })), pngChunk('IEND', Buffer.alloc(0))]);
}

const FONTS = '/usr/share/fonts/truetype/dejavu';

/** A web font from Debian's fonts-dejavu-core (a dependency of its chromium package). */
export function font(name: 'DejaVuSerif.ttf' | 'DejaVuSerif-Bold.ttf'): Buffer {
  try {
    return readFileSync(`${FONTS}/${name}`);
  } catch {
    throw new Error(`bench: ${FONTS}/${name} is missing; install Debian's fonts-dejavu-core`);
  }
}

const WORDS = 'garden seed soil spade rake hose pot fern rose tulip basil mint oak pine lawn hedge bulb compost mulch trowel'.split(' ');

/** `count` product-like records as JSON text: about 100 bytes each. */
export function catalogue(count: number, seed: number): string {
  const next = random(seed);
  const word = (): string => WORDS[Math.floor(next() * WORDS.length)] ?? 'seed';
  const records = Array.from({ length: count }, (_, id) => ({
    id,
    sku: `SKU-${Math.floor(next() * 1e9).toString(36)}`,
    name: `${word()} ${word()} ${word()}`,
    price: Math.round(next() * 10000) / 100,
    tags: [word(), word()],
  }));
  return JSON.stringify(records);
}

/**
 * A third-party tag of about `kilobytes` KB: it parses its data, hashes and sorts it, stores a
 * little, and (with `render`) adds a row of recommendations to the page's `#recommendations`.
 * `work` is how many rounds of hashing it does on load; it reports to the site's `/collect`.
 */
export function thirdPartyTag(name: string, kilobytes: number, work: number, render: boolean): string {
  const data = catalogue(Math.round((kilobytes * 1024) / 100), name.length * 7919);
  return `/* ${name}: a stand-in for a third-party tag (bench) */
(function () {
  var data = ${data};
  function hash(text) { var h = 2166136261; for (var i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 16777619); } return h >>> 0; }
  var score = 0;
  for (var round = 0; round < ${work}; round++) for (var i = 0; i < data.length; i++) score = (score + hash(data[i].name + round)) >>> 0;
  var ranked = data.slice().sort(function (a, b) { return hash(a.sku) - hash(b.sku); });
  try { localStorage.setItem(${JSON.stringify(`bench-${name}`)}, String(score)); } catch (e) {}
  ${render ? `var row = document.getElementById('recommendations');
  if (row) row.innerHTML = ranked.slice(0, 12).map(function (p) { return '<li><b>' + p.name + '</b> ' + p.price.toFixed(2) + ' €</li>'; }).join('');` : ''}
  navigator.sendBeacon && navigator.sendBeacon('/collect', JSON.stringify({ tag: ${JSON.stringify(name)}, score: score, first: ranked[0].sku }));
})();
`;
}

/** A single-page app's bundle of about `kilobytes` KB: it fetches `/spa/data.json` and renders the shop from it, and re-renders on `#bench-action`. */
export function spaBundle(kilobytes: number): string {
  const templates = catalogue(Math.round((kilobytes * 1024) / 100), 4242);
  return `/* a stand-in for a single-page app's bundle (bench) */
(function () {
  var messages = ${templates};
  var app = document.getElementById('app');
  function card(p) { return '<article class="card"><h3>' + p.name + '</h3><p>' + p.tags.join(', ') + '</p><p class="price">' + p.price.toFixed(2) + ' €</p></article>'; }
  function render(products, sortBy) {
    var list = products.slice().sort(function (a, b) { return sortBy === 'price' ? a.price - b.price : a.name.localeCompare(b.name); });
    app.innerHTML = '<header class="bar"><h1>Garden supplies</h1><button id="bench-action" type="button">Sort by price</button></header>' +
      '<p class="lead">' + messages.slice(0, 40).map(function (m) { return m.name; }).join(', ') + '.</p>' +
      '<section class="grid">' + list.map(card).join('') + '</section>';
    document.getElementById('bench-action').addEventListener('click', function () { render(products, sortBy === 'price' ? 'name' : 'price'); });
  }
  fetch('/spa/data.json').then(function (r) { return r.json(); }).then(function (products) { render(products, 'name'); });
})();
`;
}

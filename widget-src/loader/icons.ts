const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Builds a decorative 24px icon from path data with DOM calls (no innerHTML, CSP-safe). ARIA goes
 * through the reflected properties (ARIAMixin), which every browser in package.json's browserslist has.
 */
export function icon(pathData: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.ariaHidden = 'true';
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', pathData);
  svg.append(path);
  return svg;
}

export const CHAT_ICON = 'M6 3h12a3 3 0 0 1 3 3v9a3 3 0 0 1-3 3H9l-5 4v-4.2A3 3 0 0 1 3 15V6a3 3 0 0 1 3-3z';
export const CLOSE_ICON = 'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4z';

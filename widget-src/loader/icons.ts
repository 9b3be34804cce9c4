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
/** Two strokes (the launcher's icons are stroked as well as filled): shorter than an outline of the cross. */
export const CLOSE_ICON = 'M6 6l12 12M18 6 6 18';

/** CSS files are bundled as minified text (see scripts/build/build-widget.ts) and adopted as constructable stylesheets. */
declare module '*.css' {
  const css: string;
  export default css;
}

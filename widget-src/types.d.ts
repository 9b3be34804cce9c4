/** CSS files are bundled as minified text (see scripts/build/build-widget.ts) and adopted as constructable stylesheets. */
declare module '*.css' {
  const css: string;
  export default css;
}

/** A translation's table (the app's texts and the chat view's), chosen by the build for each translation chunk (app/i18n/texts-chunk.ts). */
declare module 'webchat-language-table' {
  const texts: import('./app/i18n/en').LanguageTable;
  export default texts;
}

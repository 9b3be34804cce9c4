/** "Ana, Ben and Carla" the language's way (`Intl.ListFormat`), never joined by hand. */
export function joinNames(names: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
}

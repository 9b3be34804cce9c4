import { Component, type FunctionComponent } from 'preact';

/**
 * `inner` behind a component that renders again only when a prop changed (shallow comparison),
 * like preact/compat's `memo` without bringing compat in. The message list renders again on every
 * change to the chat; with a long history, unchanged messages then cost a comparison, not a render.
 */
export function memo<P extends object>(inner: FunctionComponent<P>): FunctionComponent<P> {
  class Memo extends Component<P> {
    override shouldComponentUpdate(next: Readonly<P>): boolean {
      const current = this.props as Record<string, unknown>;
      const incoming = next as Record<string, unknown>;
      const keys = new Set([...Object.keys(current), ...Object.keys(incoming)]);
      return [...keys].some((key) => current[key] !== incoming[key]);
    }

    override render() {
      const Inner = inner;
      return <Inner {...this.props} />;
    }
  }
  return Memo as unknown as FunctionComponent<P>;
}

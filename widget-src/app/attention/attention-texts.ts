/** Texts of the attention feature the visitor sees (in the page's title), in English. */
export const ATTENTION_TEXTS = {
  /** The page title while messages wait in a background tab. */
  newMessages: (count: number): string => (count === 1 ? '(1) New message' : `(${count}) New messages`),
};

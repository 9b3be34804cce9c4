import type { ComponentChildren } from 'preact';
import { parseMarkdown, type Inline } from '../../format/markdown';

function renderInline(parts: Inline[]): ComponentChildren {
  return parts.map((part, i) => {
    switch (part.kind) {
      case 'text':
        return part.text;
      case 'link':
        return (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer nofollow">
            {part.text}
          </a>
        );
      case 'code':
        return <code key={i}>{part.text}</code>;
      case 'strong':
        return <strong key={i}>{renderInline(part.children)}</strong>;
      case 'em':
        return <em key={i}>{renderInline(part.children)}</em>;
    }
  });
}

/**
 * A message's text with its Markdown (see format/markdown.ts) as elements: text nodes, safe
 * links, <strong>, <em>, <code>, <pre><code> and real lists. Never HTML from the message.
 */
export function MessageBody({ body }: { body: string }) {
  return (
    <>
      {parseMarkdown(body).map((block, i) => {
        if (block.kind === 'text') return renderInline(block.children);
        if (block.kind === 'code')
          return (
            <pre key={i}>
              <code>{block.text}</code>
            </pre>
          );
        const items = block.items.map((item, j) => <li key={j}>{renderInline(item)}</li>);
        return block.ordered ? (
          <ol key={i} start={block.start === 1 ? undefined : block.start}>
            {items}
          </ol>
        ) : (
          <ul key={i}>{items}</ul>
        );
      })}
    </>
  );
}

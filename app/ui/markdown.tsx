// Renders the safe Markdown subset (app/platform/markdown.ts) as React elements: text is always a
// React string child (escaped), links only ever carry an http(s) href. No HTML string is built.
import { parseMarkdown, type MarkdownInline } from '~/platform/markdown.ts';

function Inline({ nodes }: { nodes: MarkdownInline[] }) {
  return (
    <>
      {nodes.map((node, index) => {
        if (node.type === 'text') return node.text;
        if (node.type === 'em')
          return (
            <em key={index}>
              <Inline nodes={node.children} />
            </em>
          );
        if (node.type === 'link')
          return (
            <a key={index} href={node.href} rel="noopener noreferrer nofollow">
              <Inline nodes={node.children} />
            </a>
          );
        return (
          <strong key={index}>
            <Inline nodes={node.children} />
          </strong>
        );
      })}
    </>
  );
}

/** An impact update's narrative: paragraphs and lists of the safe subset. */
export function Markdown({ source }: { source: string }) {
  return (
    <>
      {parseMarkdown(source).map((block, index) => {
        if (block.type === 'paragraph')
          return (
            <p key={index}>
              <Inline nodes={block.children} />
            </p>
          );
        const items = block.items.map((item, itemIndex) => (
          <li key={itemIndex}>
            <Inline nodes={item} />
          </li>
        ));
        return block.ordered ? <ol key={index}>{items}</ol> : <ul key={index}>{items}</ul>;
      })}
    </>
  );
}

import { Anchor, Box } from '@mantine/core';
import { createElement, Fragment, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { parseMarkdown, type MdNode } from '../../../../shared/kb/markdown';
import type { Highlighted } from '../../../../shared/kb/types';
import { highlightParts } from '../../../../shared/kb/snippet';

/**
 * An article body: the sanitized tree from shared/kb/markdown.ts as React elements. Text is
 * always a text node (React escapes it); the only attributes are the ones set here. Links open
 * in a new browsing context without access to this one; in Electron the shell routes them to
 * the system browser. kb: links open the other article in place.
 */
export function KbMarkdown({ source, onOpenArticle }: { source: string; onOpenArticle?: (id: string) => void }) {
  const { t } = useTranslation();
  const tree = useMemo(() => parseMarkdown(source), [source]);
  const render = (nodes: readonly MdNode[]): ReactNode[] =>
    nodes.map((node, index) => {
      if (typeof node === 'string') return <Fragment key={index}>{node}</Fragment>;
      const children = render(node.children);
      if (node.tag === 'a') {
        const { href, articleId, title } = node.attrs ?? {};
        if (articleId !== undefined) {
          return (
            <Anchor
              key={index}
              component="button"
              type="button"
              fz="inherit"
              title={title ?? t('kb.article.linkedArticle')}
              onClick={() => onOpenArticle?.(articleId)}
            >
              {children}
            </Anchor>
          );
        }
        return (
          <Anchor key={index} href={href} target="_blank" rel="noopener noreferrer" title={title} fz="inherit">
            {children}
          </Anchor>
        );
      }
      if (node.tag === 'br' || node.tag === 'hr') return createElement(node.tag, { key: index });
      const props: Record<string, unknown> = { key: index };
      if (node.tag === 'ol' && node.attrs?.start !== undefined) props.start = node.attrs.start;
      if ((node.tag === 'td' || node.tag === 'th') && node.attrs?.align) props.style = { textAlign: node.attrs.align };
      return createElement(node.tag, props, ...children);
    });
  return (
    <Box className="kb-markdown" fz="sm">
      {render(tree)}
    </Box>
  );
}

/** Text with its matches in <mark>: never parsed as HTML. */
export function HighlightedText({ value }: { value: Highlighted }) {
  return (
    <>
      {highlightParts(value).map((part, i) =>
        part.marked ? (
          <mark key={i} className="kb-mark">
            {part.text}
          </mark>
        ) : (
          <Fragment key={i}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}

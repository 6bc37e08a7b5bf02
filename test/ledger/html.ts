/**
 * An HTML checker for the ledger's page, after the one in test/security.test.ts: the output is parsed with
 * parse5 and walked; no script, no event attribute, no script URL, no embedding element, no comment.
 */
import { parse } from 'parse5';

type HtmlNode = {
  nodeName: string;
  tagName?: string;
  attrs?: { name: string; value: string; prefix?: string }[];
  childNodes?: HtmlNode[];
  content?: HtmlNode;
  value?: string;
  data?: string;
};

const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'background', 'data', 'srcdoc', 'cite']);
const FORBIDDEN = new Set([
  'script',
  'iframe',
  'object',
  'embed',
  'img',
  'base',
  'form',
  'frame',
  'link',
  'input',
  'button',
  'textarea',
  'foreignobject',
  'image',
  'use',
  'animate',
  'set',
  'math',
]);

export interface Scan {
  violations: string[];
  /** The text of every element outside <style>: what a reader sees. */
  texts: string[];
}

export function scanHtml(html: string): Scan {
  const violations: string[] = [];
  const texts: string[] = [];
  const walk = (n: HtmlNode, raw: boolean): string => {
    if (n.nodeName === '#text') return raw ? '' : (n.value ?? '');
    if (n.nodeName === '#comment') violations.push(`comment <!--${n.data}-->`);
    const tag = (n.tagName ?? '').toLowerCase();
    if (FORBIDDEN.has(tag)) violations.push(`<${tag}> element`);
    if (tag === 'meta' && n.attrs?.some((a) => a.name === 'http-equiv' && a.value.toLowerCase() === 'refresh')) violations.push('<meta http-equiv=refresh>');
    for (const a of n.attrs ?? []) {
      const name = (a.prefix ? `${a.prefix}:${a.name}` : a.name).toLowerCase();
      if (a.name.toLowerCase().startsWith('on')) violations.push(`<${tag} ${name}>: event attribute`);
      const url = a.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
      if (URL_ATTRS.has(name) && /^(javascript|vbscript|data):/.test(url)) violations.push(`<${tag} ${name}="${a.value}">: script URL`);
      if (name === 'style') violations.push(`<${tag} style>: inline style attribute`);
    }
    const inRaw = raw || tag === 'style' || tag === 'script';
    let text = '';
    for (const c of n.childNodes ?? []) text += walk(c, inRaw);
    if (n.content) text += walk(n.content, inRaw);
    texts.push(text);
    return text;
  };
  walk(parse(html) as unknown as HtmlNode, false);
  return { violations, texts };
}

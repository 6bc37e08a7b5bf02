/**
 * The HTML checker of the XSS tests: an output is parsed with parse5 and walked; scripts only with the
 * page's nonce, no event attribute, no script-bearing URL, no embedding element, no comment (an unescaped
 * `<!--` becomes one). `strict` also refuses every inline style attribute and every `data:` URL.
 */
import { parse, parseFragment } from 'parse5';

export interface Scan {
  violations: string[];
  /** The text content of every element (and of the whole tree), outside <script> and <style>: what a reader sees. */
  texts: string[];
}

const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'background', 'data', 'srcdoc', 'cite']);
const BAD_SCHEMES = ['javascript:', 'vbscript:', 'data:text/html'];
const FORBIDDEN = new Set([
  'iframe',
  'object',
  'embed',
  'img',
  'base',
  'form',
  'frame',
  'frameset',
  'applet',
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

export type HtmlNode = {
  nodeName: string;
  tagName?: string;
  attrs?: { name: string; value: string; prefix?: string }[];
  childNodes?: HtmlNode[];
  content?: HtmlNode;
  value?: string;
  data?: string;
};

/**
 * Walks a parsed document (or fragment): scripts only with the expected nonce, no event attributes, no
 * script-bearing URLs, no embedding elements, no comments (an unescaped `<!--` becomes one).
 */
export function scanHtml(html: string, options: { fragment?: boolean; nonce?: string; strict?: boolean } = {}): Scan {
  const violations: string[] = [];
  const texts: string[] = [];
  const root = (options.fragment ? parseFragment(html) : parse(html)) as unknown as HtmlNode;
  const walk = (n: HtmlNode, raw: boolean): string => {
    if (n.nodeName === '#text') return raw ? '' : (n.value ?? '');
    if (n.nodeName === '#comment') violations.push(`comment <!--${n.data}-->`);
    const tag = (n.tagName ?? '').toLowerCase();
    if (tag === 'script') {
      const nonce = n.attrs?.find((a) => a.name === 'nonce')?.value;
      if (!options.nonce || nonce !== options.nonce) violations.push(`<script> without the page's nonce (nonce=${nonce ?? 'none'})`);
    }
    if (FORBIDDEN.has(tag)) violations.push(`<${tag}> element`);
    if (tag === 'meta' && n.attrs?.some((a) => a.name === 'http-equiv' && a.value.toLowerCase() === 'refresh')) violations.push('<meta http-equiv=refresh>');
    for (const a of n.attrs ?? []) {
      const name = (a.prefix ? `${a.prefix}:${a.name}` : a.name).toLowerCase();
      if (a.name.toLowerCase().startsWith('on')) violations.push(`<${tag} ${name}="${a.value}">: event attribute`);
      // Browsers ignore ASCII whitespace and control characters inside a URL's scheme.
      const url = a.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
      const bad = options.strict ? /^(javascript|vbscript|data):/.test(url) : BAD_SCHEMES.some((s) => url.startsWith(s));
      if ((URL_ATTRS.has(name) || URL_ATTRS.has(a.name.toLowerCase())) && bad) violations.push(`<${tag} ${name}="${a.value}">: script URL`);
      if (a.name.toLowerCase() === 'style' && (options.strict || /expression\(|url\(/i.test(a.value))) violations.push(`<${tag} style="${a.value}">`);
    }
    const inRaw = raw || tag === 'script' || tag === 'style';
    let text = '';
    for (const c of n.childNodes ?? []) text += walk(c, inRaw);
    if (n.content) text += walk(n.content, inRaw);
    texts.push(text);
    return text;
  };
  walk(root, false);
  return { violations, texts };
}

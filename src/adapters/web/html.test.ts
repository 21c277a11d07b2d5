import { describe, expect, it } from 'vitest';
import { escapeHtml, html, jsonDataBlock, safeHref, trustedHtml } from './html.ts';

describe('html', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['"quoted" & \'single\'', '&quot;quoted&quot; &amp; &#39;single&#39;'],
    ['`tick`', '&#96;tick&#96;'],
    ['Ærlig Øst Åsane', 'Ærlig Øst Åsane'],
    ['&amp;', '&amp;amp;'],
  ])('escapes %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
    expect(html`<p>${input}</p>`.value).toBe(`<p>${expected}</p>`);
  });

  it('escapes a value inside an attribute so it cannot break out of the quotes', () => {
    const name = '" onmouseover="alert(1)';
    expect(html`<input value="${name}">`.value).toBe('<input value="&quot; onmouseover=&quot;alert(1)">');
  });

  it('does not escape nested templates twice, but escapes what is inside them', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}</p>`.value).toBe('<p><b>&lt;i&gt;</b></p>');
  });

  it('joins arrays, escaping each element', () => {
    expect(html`<ul>${['<a>', html`<li>x</li>`]}</ul>`.value).toBe('<ul>&lt;a&gt;<li>x</li></ul>');
  });

  it('renders nothing for null, undefined and booleans, and numbers as text', () => {
    expect(html`[${null}${undefined}${false}${true}${0}${42.5}]`.value).toBe('[0' + '42.5]');
  });

  it('passes trusted markup through unchanged', () => {
    expect(html`${trustedHtml('<br>')}`.value).toBe('<br>');
  });

  it('lets only http(s) and same-site paths become links', () => {
    expect(safeHref('javascript:alert(1)')).toBe('#');
    expect(safeHref('JavaScript:alert(1)')).toBe('#');
    expect(safeHref('data:text/html,<script>')).toBe('#');
    expect(safeHref('//evil.example/x')).toBe('#');
    expect(safeHref('/terms')).toBe('/terms');
    expect(safeHref('https://operator.example/terms?a=1')).toBe('https://operator.example/terms?a=1');
    expect(safeHref('not a url')).toBe('#');
  });

  it('keeps </script> in data from closing a JSON data block', () => {
    const block = jsonDataBlock('texts', { text: '</script><script>alert(1)</script>' }).value;
    expect(block).not.toContain('</script><script>');
    expect(block.match(/<\/script>/g)).toHaveLength(1);
    const json = block.replace(/^<script[^>]*>/, '').replace(/<\/script>$/, '');
    expect(JSON.parse(json)).toEqual({ text: '</script><script>alert(1)</script>' });
  });
});

import { describe, expect, it } from 'vitest';
import { markdownToHtml } from '../../src/util/markdown.js';
// Report HTML of real reports is in tests/data/render.test.ts.

describe('Markdown from the consultant', () => {
  it('renders emphasis, lists and links', () => {
    const html = markdownToHtml('De **armoede** is hoog.\n\n- een\n- twee\n\n[CBS](https://www.cbs.nl)');
    expect(html).toContain('<strong>armoede</strong>');
    expect(html).toContain('<li>een</li>');
    expect(html).toContain('<a href="https://www.cbs.nl">CBS</a>');
  });
  it('shows raw HTML as text and loads no images or scripts', () => {
    const html = markdownToHtml('<script>alert(1)</script>\n\n![kaart](http://example.org/x.png) [klik](javascript:alert(1))');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<img');
    expect(html).toContain('[kaart]');
    expect(html).not.toContain('javascript:');
  });
});

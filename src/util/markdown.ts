/**
 * The consultant's Markdown → HTML. Raw HTML in the text is shown as text and
 * images become their alt text: the page loads nothing and runs nothing.
 */
import { Marked } from 'marked';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    html({ text }) {
      return escapeHtml(text);
    },
    image({ text }) {
      return `<span class="md-image-alt">[${escapeHtml(text)}]</span>`;
    },
    link({ href, tokens }) {
      const label = this.parser.parseInline(tokens);
      // Only web and mail links; a link is printed, never followed when the PDF is made.
      return /^(https?:|mailto:)/i.test(href) ? `<a href="${escapeHtml(href)}">${label}</a>` : label;
    },
  },
});

export function markdownToHtml(markdown: string): string {
  return marked.parse(markdown, { async: false }) as string;
}

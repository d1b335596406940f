// Report HTML of real reports; Markdown from the consultant is in tests/unit/render.test.ts.
import { describe, expect, it } from 'vitest';
import { cssString } from '../../src/render/render-html.js';
import { renderReportHtml } from '../../src/pipeline/render-region.js';
import { reportFor } from '../helpers/report.js';

describe('report HTML', () => {
  it('escapes names from config and data, in the body and in the running header', async () => {
    const report = await reportFor('id: x\narea:\n  gemeenten: [GM0796, GM0797]\n  name: "Regio <b>\\"Noord\\"</b>"\nsubtitle: "<img src=x onerror=alert(1)>"\n');
    const html = await renderReportHtml(report, { now: new Date('2026-01-01T00:00:00Z') });
    expect(html).not.toContain('<b>"Noord"</b>');
    expect(html).toContain('Regio &lt;b&gt;&quot;Noord&quot;&lt;/b&gt;');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain(`@top-left { content: ${cssString('Regio <b>"Noord"</b>')}; }`);
    expect(cssString('a"b\\c</style>')).toBe('"a\\"b\\\\c\\3C /style>"');
  });
  it('loads nothing from outside: no http(s) or file URLs in the page', async () => {
    const report = await reportFor('id: x\narea:\n  gemeente: GM0796\n');
    const html = await renderReportHtml(report);
    expect(html).not.toMatch(/(src|href)="(https?|file):/);
    expect(html).not.toMatch(/url\((?!data:|#)/);
    expect(html).toContain("font-family:'Source Sans 3'");
  });
});

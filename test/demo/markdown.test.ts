import { describe, expect, it } from '@jest/globals';
import { escapeHtml, markdownToHtml } from '../../tools/demo/markdown.js';

describe('markdownToHtml', () => {
  it('renders GFM task lists as checkboxes and tables as tables', () => {
    const html = markdownToHtml('- [x] done\n- [ ] open\n\n| Gate | Status |\n|---|---|\n| Review | ✅ |\n');
    expect(html).toContain('<input type="checkbox" checked disabled> done');
    expect(html).toContain('<input type="checkbox" disabled> open');
    expect(html).toContain('<td>Review</td>');
  });

  it('drops raw HTML such as planbot\'s hidden marker, as GitHub hides comments', () => {
    const html = markdownToHtml('<!-- planbot:v1 feature=001-x -->\n<script>alert(1)</script>\n\nText');
    expect(html).not.toContain('planbot:v1');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<p>Text</p>');
  });

  it('escapes text for HTML', () => {
    expect(escapeHtml('<a href="x">&</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });
});

import { parseMarkdown } from './src/plan/markdown.js';
for (const d of [1000, 4000, 16000]) {
  for (const [name, s] of [
    ['emph', '*a '.repeat(d) + 'x' + ' b*'.repeat(d)],
    ['emph-open', '*a '.repeat(d * 4)],
    ['under', '_a '.repeat(d * 4)],
    ['links', '[a]('.repeat(d * 4)],
    ['lt', '<a '.repeat(d * 4)],
    ['backticks', '`a '.repeat(d * 4)],
    ['dashes', '- '.repeat(d) + '[ ] x'],
  ] as const) {
    const t = Date.now(); parseMarkdown(s); console.log(name, d, s.length, Date.now() - t, 'ms');
  }
}

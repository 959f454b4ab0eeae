import { analysePlan, parsePlan } from './src/plan/index.js';
import { parseMarkdown } from './src/plan/markdown.js';
const phase = (n: number) => [`### Phase ${n}: Part ${n}`, `**Dependencies**: Phase ${Math.max(n - 1, 0)}`, '', ...Array.from({ length: 10 }, (_, t) => `- [${t < 3 ? 'x' : ' '}] T${n}-${t} work item`), ''].join('\n');
for (const mb of [0.5, 1, 2, 4]) {
  const blocks = ['# Big plan', '']; let size = 0; let n = 0;
  while (size < mb * 1024 * 1024) { const b = phase(n++); blocks.push(b); size += b.length + 1; }
  const s = blocks.join('\n');
  let t = performance.now(); parseMarkdown(s); const md = performance.now() - t;
  t = performance.now(); parsePlan(s); const pp = performance.now() - t;
  t = performance.now(); analysePlan(s, { kind: 'tasks' }); const ap = performance.now() - t;
  console.log(mb, n, Math.round(md), Math.round(pp), Math.round(ap));
}

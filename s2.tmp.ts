import { parsePlan, RULES } from './src/plan/index.js';
const phase = (n: number) => [`### Phase ${n}: Part ${n}`, `**Dependencies**: Phase ${Math.max(n - 1, 0)}`, '', ...Array.from({ length: 10 }, (_, t) => `- [${t < 3 ? 'x' : ' '}] T${n}-${t} work item`), ''].join('\n');
const blocks = ['# Big plan', '']; let size = 0; let n = 0;
while (size < 4 * 1024 * 1024) { const b = phase(n++); blocks.push(b); size += b.length + 1; }
const m = parsePlan(blocks.join('\n'));
for (const r of RULES) { const t = performance.now(); const f = r.check(m, {}); console.log(r.id, f.length, Math.round(performance.now() - t)); }
console.log(process.memoryUsage().heapUsed / 1e6);

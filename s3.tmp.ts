import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { visit } from 'unist-util-visit';
import { guardPathologicalInput } from './src/plan/guard.js';
import { splitIntoPieces } from './src/plan/chunks.js';
const phase = (n: number) => [`### Phase ${n}: Part ${n}`, `**Dependencies**: Phase ${Math.max(n - 1, 0)}`, '', ...Array.from({ length: 10 }, (_, t) => `- [${t < 3 ? 'x' : ' '}] T${n}-${t} work item`), ''].join('\n');
const blocks = ['# Big plan', '']; let size = 0; let n = 0;
while (size < 2 * 1024 * 1024) { const b = phase(n++); blocks.push(b); size += b.length + 1; }
const s = blocks.join('\n');
const proc = unified().use(remarkParse).use(remarkGfm);
const procPlain = unified().use(remarkParse);
for (let r = 0; r < 2; r++) {
let t = performance.now(); guardPathologicalInput(s); const g = performance.now() - t;
t = performance.now(); const pieces = splitIntoPieces(s); const sp = performance.now() - t;
t = performance.now(); const trees = pieces.map((p) => proc.parse(p.text)); const pa = performance.now() - t;
t = performance.now(); pieces.map((p) => procPlain.parse(p.text)); const pp = performance.now() - t;
t = performance.now(); let c = 0; for (const tr of trees) visit(tr, () => { c++; }); const vi = performance.now() - t;
console.log({ guard: Math.round(g), split: Math.round(sp), pieces: pieces.length, parseGfm: Math.round(pa), parsePlain: Math.round(pp), visit: Math.round(vi), nodes: c });
}

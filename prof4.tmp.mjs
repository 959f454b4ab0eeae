import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { readFileSync } from 'node:fs';
const s = readFileSync('/tmp/gen1mb.md', 'utf8');
const pieces = s.split(/(?=^### Phase \d*0: )/m);
const p1 = unified().use(remarkParse), p2 = unified().use(remarkParse).use(remarkGfm);
for (let r = 0; r < 3; r++) {
  let t = performance.now(); for (const p of pieces) p1.parse(p); const a = performance.now() - t;
  t = performance.now(); for (const p of pieces) p2.parse(p); const b = performance.now() - t;
  console.log({ commonmark: Math.round(a), gfm: Math.round(b) });
}

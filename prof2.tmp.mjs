import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { parse, postprocess, preprocess } from 'micromark';
const line = (n) => `- [ ] T${n} [P] Implement part of phase with tests and more words here`;
function gen(kb) {
  const out = []; let size = 0; let n = 0;
  while (size < kb * 1024) { const block = `### Phase ${n}: W\n**Duration**: 2 days\n\n${Array.from({length:8},(_, t)=>line(n*8+t)).join('\n')}\n`; out.push(block); size += block.length; n++; }
  return out.join('\n');
}
for (const kb of [128, 256, 512, 1024]) {
  const s = gen(kb);
  let t = Date.now(); unified().use(remarkParse).parse(s); const plain = Date.now() - t;
  t = Date.now(); unified().use(remarkParse).use(remarkGfm).parse(s); const gfm = Date.now() - t;
  t = Date.now(); const ev = postprocess(parse().document().write(preprocess()(s, undefined, true))); const mm = Date.now() - t;
  console.log(kb, { plain, gfm, micromarkOnly: mm, events: ev.length });
}
const big = gen(1024);
const pieces = big.split(/(?=^### Phase \d*0: )/m);
console.log('pieces', pieces.length);
for (let r = 0; r < 3; r++) {
  let t = Date.now(); for (const p of pieces) unified().use(remarkParse).use(remarkGfm).parse(p); console.log('chunked gfm', Date.now() - t);
}

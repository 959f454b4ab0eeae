// Equivalence check: chunked tree == whole-document tree, for the corpus and generated plans.
import { readFileSync, readdirSync } from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { parseMarkdown } from './src/plan/markdown.js';
import { generatePlan } from './src/bench/plan-bench.js';
const proc = unified().use(remarkParse).use(remarkGfm);
const strip = (t: any) => JSON.stringify(t, (k, v) => (k === 'spread' || k === 'start' && typeof v !== 'object' ? undefined : v));
const docs: [string, string][] = readdirSync('/work/shared/corpus').filter(f => f.endsWith('.md')).map(f => [f, readFileSync('/work/shared/corpus/' + f, 'utf8').replace(/\r\n?/g, '\n')]);
docs.push(['gen300', generatePlan(300 * 1024)]);
for (const [name, text] of docs) {
  const a = parseMarkdown(text).tree; const b = proc.parse(parseMarkdown(text).text);
  // compare lists by flattening items since splitting lists may split list nodes
  const flat = (t: any) => { const out: string[] = []; const walk = (n: any) => { if (n.type !== 'list' && n.type !== 'root') out.push(n.type + '@' + (n.position?.start.offset) + '-' + (n.position?.end.offset) + ':' + (n.value ?? '') + (n.checked ?? '')); for (const c of n.children ?? []) walk(c); }; walk(t); return out.join('\n'); };
  console.log(name, text.length, flat(a) === flat(b) ? 'same' : 'DIFF');
}
const all = docs.slice(0, -1).map(d => d[1]).join('\n');
{ const a = parseMarkdown(all).tree; const b = proc.parse(all);
  const flat = (t: any) => { const out: string[] = []; const walk = (n: any) => { if (n.type !== 'list' && n.type !== 'root') out.push(n.type + '@' + (n.position?.start.offset) + '-' + (n.position?.end.offset) + ':' + (n.value ?? '') + (n.checked ?? '')); for (const c of n.children ?? []) walk(c); }; walk(t); return out; };
  const fa = flat(a), fb = flat(b); console.log('all', all.length, fa.length, fb.length, fa.join('\n') === fb.join('\n') ? 'same' : 'DIFF');
  for (let i = 0; i < fa.length; i++) if (fa[i] !== fb[i]) { console.log(fa[i], '\n', fb[i]); break; } }

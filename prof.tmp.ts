import { generatePlan } from './src/bench/plan-bench.js';
import { parseMarkdown } from './src/plan/markdown.js';
import { parsePlan, analysePlan } from './src/plan/index.js';
for (const kb of [250, 500, 1024]) {
  const s = generatePlan(kb * 1024);
  let t = Date.now(); parseMarkdown(s); const md = Date.now() - t;
  t = Date.now(); parsePlan(s); const pp = Date.now() - t;
  t = Date.now(); analysePlan(s); const ap = Date.now() - t;
  const noTable = s.replace(/^\|.*\|$/gm, '');
  t = Date.now(); parseMarkdown(noTable); const mdNoTable = Date.now() - t;
  console.log(kb, { md, pp, ap, mdNoTable });
}

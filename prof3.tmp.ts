import { generatePlan } from './src/bench/plan-bench.js';
import { parseMarkdown } from './src/plan/markdown.js';
import { analysePlan } from './src/plan/index.js';
const s = generatePlan(1024 * 1024);
const noTable = s.replace(/^\|.*\|\n/gm, '');
for (let i = 0; i < 3; i++) {
  let t = performance.now(); parseMarkdown(s); const md = performance.now() - t;
  t = performance.now(); parseMarkdown(noTable); const mdNo = performance.now() - t;
  t = performance.now(); analysePlan(s); const ap = performance.now() - t;
  console.log({ md: Math.round(md), mdNoTable: Math.round(mdNo), analyse: Math.round(ap) });
}

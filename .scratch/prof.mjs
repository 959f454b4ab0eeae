import { analysePlan } from '../dist/plan/index.js';
import { SEED_TEMPLATE } from '../dist/plan/seed-template.js';
const phase = SEED_TEMPLATE.slice(SEED_TEMPLATE.indexOf('### Phase 1'), SEED_TEMPLATE.indexOf('### Phase 2'));
let doc = SEED_TEMPLATE; let i = 0;
while (doc.length < 1_000_000) doc += '\n' + phase.replace('Phase 1', 'Phase ' + (10 + i++)) + '\n| Gate | Criteria | Status |\n|---|---|---|\n| G' + i + ' | x | ✅ |\n';
for (let k = 0; k < 3; k++) { const t = performance.now(); analysePlan(doc); console.log((performance.now() - t).toFixed(0)); }

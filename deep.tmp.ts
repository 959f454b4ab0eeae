import { analysePlan } from './src/plan/index.js';
for (const depth of [100, 1000, 5000, 20000]) {
  for (const [name, make] of [
    ['quote', (d: number) => '>'.repeat(d) + ' - [ ] T001 deep task\n'],
    ['list', (d: number) => Array.from({ length: d }, (_, i) => '  '.repeat(i) + `- [ ] T${i} task`).join('\n')],
    ['emph', (d: number) => '# T\n\n' + '*a '.repeat(d) + 'x' + ' b*'.repeat(d) + '\n'],
    ['brackets', (d: number) => '['.repeat(d) + 'TO FILL' + ']'.repeat(d) + '\n'],
  ] as const) {
    const t = Date.now();
    try { const m = analysePlan(make(depth)); console.log(name, depth, 'tasks', m.tasks.length, 'ph', m.placeholders.length, Date.now() - t, 'ms'); }
    catch (e) { console.log(name, depth, 'THROW', (e as Error).constructor.name, (e as Error).message.slice(0, 80), Date.now() - t, 'ms'); }
  }
}

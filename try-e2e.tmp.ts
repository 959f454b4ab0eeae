import { startWorld, pushFeatureBranch, openPullRequest, pushFilledPlan } from './src/demo/scenario.js';
const world = await startWorld({ projectDir: process.cwd() });
try {
  const b = await pushFeatureBranch(world);
  console.log('step1', b.commitsByApp.map(c => c.message), b.plan?.slice(0, 200), b.settled);
  const p = await openPullRequest(world);
  console.log('step2', [...p.checks.values()].map(r => [r.name, r.conclusion, r.output.title]), p.settled);
  const f = await pushFilledPlan(world);
  console.log('step3', [...f.checks.values()].map(r => [r.name, r.conclusion, r.output.title]), f.issues.map(i => i.title), f.settled);
} finally {
  console.log(world.simulator.requests.map(r => `${r.method} ${r.path} ${r.status}`).join('\n'));
  console.log('violations', world.simulator.violations);
  console.log('deliveries', world.relay.deliveries.map(d => `${d.event.name}.${d.event.payload.action ?? ''} ${d.event.origin} -> ${d.result?.status} ${d.result?.ms}ms ${d.error ?? ''}`).join('\n'));
  console.log(world.app.logs.filter(l => l.level >= 40).map(l => JSON.stringify(l).slice(0, 400)).join('\n'));
  await world.close();
}

import { startSimulator, generateAppKeyPair, deliverWebhook } from './src/sim/index.js';
import { startAppProcess, killAppProcess } from './test/helpers/app-process.js';
const sim = await startSimulator();
const keys = generateAppKeyPair();
sim.registerApp({ appId: 4242, publicKeyPem: keys.publicKeyPem });
sim.seedRepository({ owner: 'acme', repo: 'web', installationId: 77, files: { 'README.md': '# web\n' } });
const events: any[] = [];
sim.onEvent((e) => events.push(e));
const app = await startAppProcess({ APP_ID: '4242', PRIVATE_KEY: keys.privateKeyPem, WEBHOOK_SECRET: 's3cret', GHE_HOST: sim.host, GHE_PROTOCOL: 'http', ...(process.env.R ? { REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: 'h7scratch' } : {}) });
sim.createBranch({ owner: 'acme', repo: 'web', branch: '001-user-auth' });
for (const e of events.splice(0)) { const r = await deliverWebhook(app.webhookUrl, { name: e.name, payload: e.payload, id: e.id, secret: 's3cret' }); console.log(e.name, r.status, r.ms, 'ms'); }
await new Promise(r => setTimeout(r, 3000));
console.log(sim.listFiles({ owner: 'acme', repo: 'web', ref: '001-user-auth' }));
console.log(sim.requests.map(r => `${r.method} ${r.path} ${r.status}`).join('\n'));
const h = await fetch(app.url + '/healthz'); console.log(h.status, await h.text());
const m = await (await fetch(app.url + '/metrics')).text(); console.log(m.split('\n').filter(l => l.startsWith('planbot_') && !l.startsWith('planbot_process') && !l.startsWith('planbot_nodejs')).join('\n'));
console.log(app.logs.filter(l => l.level >= 40).map(l => JSON.stringify(l)).join('\n'));
await killAppProcess(app); await sim.close();

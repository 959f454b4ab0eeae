import { startSimulator, generateAppKeyPair, deliverWebhook } from './src/sim/index.js';
import { startAppProcess, killAppProcess } from './test/helpers/app-process.js';
const sim = await startSimulator({ latencyMs: 20 });
const keys = generateAppKeyPair();
sim.registerApp({ appId: 4242, publicKeyPem: keys.publicKeyPem });
const inst = 500000 + Math.floor(Math.random()*100000);
sim.seedRepository({ owner: 'acme', repo: 'web', installationId: inst, files: { 'README.md': '# web\n' } });
const events: any[] = [];
sim.onEvent((e) => events.push(e));
const app = await startAppProcess({ APP_ID: '4242', PRIVATE_KEY: keys.privateKeyPem, WEBHOOK_SECRET: 's3cret', GHE_HOST: sim.host, GHE_PROTOCOL: 'http', LOG_LEVEL: 'warn', ...(process.env.R ? { REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: 'h7bench' + Date.now() } : {}) });
for (let n = 1; n <= 100; n++) sim.createBranch({ owner: 'acme', repo: 'web', branch: `${String(n).padStart(3,'0')}-f${n}` });
const ms: number[] = [];
for (const e of events.splice(0)) { const r = await deliverWebhook(app.webhookUrl, { name: e.name, payload: e.payload, id: e.id, secret: 's3cret' }); if (r.status !== 200) console.log('status', r.status); ms.push(r.ms); }
ms.sort((a,b)=>a-b);
console.log(process.env.R ? 'redis' : 'memory', 'n', ms.length, 'p50', ms[Math.floor(ms.length*0.5)], 'p95', ms[Math.floor(ms.length*0.95)], 'p99', ms[Math.floor(ms.length*0.99)], 'max', ms[ms.length-1]);
await killAppProcess(app); await sim.close();

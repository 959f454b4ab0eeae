// `npm start`: the real app with Probot's standard environment (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET,
// PORT, HOST, GHE_HOST, GHE_PROTOCOL, ...). Without credentials Probot runs its setup flow.
import { run } from 'probot';
import app from './app/index.js';

await run(app);

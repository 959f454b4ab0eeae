// Secrets never reach a log line: authorization headers, tokens, keys and webhook secrets are
// replaced, wherever planbot's code (or an error it logs) puts them.
import type { Logger } from 'pino';

const SECRET_FIELDS = ['authorization', 'token', 'access_token', 'privateKey', 'private_key', 'secret', 'webhookSecret', 'client_secret', 'password'];
const CONTAINERS = ['headers', 'req.headers', 'request.headers', 'err.request.headers', 'error.request.headers', 'err.response.headers', 'options.headers'];

export const REDACT_PATHS = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
  ...CONTAINERS.flatMap((container) => SECRET_FIELDS.map((field) => `${container}.${field}`)),
  ...CONTAINERS.map((container) => `*.${container}.authorization`),
];

export const CENSOR = '[REDACTED]';

/** A child logger that redacts secret fields; bindings and level are inherited. */
export function withRedaction(log: Logger): Logger {
  return log.child({}, { redact: { paths: REDACT_PATHS, censor: CENSOR } });
}

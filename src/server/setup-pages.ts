// The setup flow's pages. Probot 14's pages put the manifest into value='…' unescaped, so an
// apostrophe in app.yml ("each phase's checklist") cut the JSON short and GitHub refused it.
// Here every interpolated value is HTML-escaped, for attributes and text alike.

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLE = `
body { font: 15px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328; background: #f6f8fa; margin: 0; }
main { max-width: 640px; margin: 3rem auto; background: #fff; border: 1px solid #d1d9e0; border-radius: 8px; padding: 1.5rem 2rem; }
h1 { font-size: 1.5rem; margin-top: 0; } h2 { font-size: 1.1rem; margin-top: 1.5rem; }
code, .url { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; background: #eff1f3; border-radius: 4px; padding: .1rem .3rem; word-break: break-all; }
.btn { font: inherit; font-weight: 600; padding: .45rem 1rem; border-radius: 6px; border: 1px solid #1f883d; background: #1f883d; color: #fff; cursor: pointer; }
.muted { color: #59636e; } .warn { color: #9a6700; } .error { color: #d1242f; }
label { display: block; margin-top: .8rem; font-weight: 600; } input[type=text], input[type=password] { width: 100%; box-sizing: border-box; padding: .35rem; }
`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><link rel="icon" href="data:,"><style>${STYLE}</style></head>
<body><main>
${body}
</main></body></html>
`;
}

export interface SetupPageInput {
  name: string;
  description?: string;
  version?: string;
  /** Where the form posts: GitHub's "new app from manifest" page. */
  createAppUrl: string;
  manifest: Record<string, unknown>;
  webhookUrl: string;
  /** True when GitHub cannot reach webhookUrl from the internet (no proxy, a local address). */
  webhookUrlIsLocal: boolean;
}

export function setupPage(input: SetupPageInput): string {
  const manifestJson = JSON.stringify(input.manifest);
  return page(`Set up ${input.name}`, `
<h1>Set up ${escapeHtml(input.name)}${input.version ? ` <span class="muted">v${escapeHtml(input.version)}</span>` : ''}</h1>
${input.description ? `<p>${escapeHtml(input.description)}</p>` : ''}
<p>Register a GitHub App from <code>app.yml</code>. GitHub asks you to confirm, then sends you back here, and
${escapeHtml(input.name)} writes the app's credentials to <code>.env</code>.</p>
<form action="${escapeHtml(input.createAppUrl)}" method="post" id="register">
  <button class="btn" type="submit" name="manifest" id="manifest" value="${escapeHtml(manifestJson)}">Register GitHub App</button>
</form>
<p>GitHub will deliver webhooks to <span class="url" id="webhook-url">${escapeHtml(input.webhookUrl)}</span>.</p>
${input.webhookUrlIsLocal ? `<p class="warn" id="webhook-warning">GitHub cannot reach this address from the internet. For local development, set
<code>WEBHOOK_PROXY_URL</code> in <code>.env</code> to a <a href="https://smee.io/">smee.io</a> channel and restart.</p>` : ''}
<p><a href="/probot/import">Or use an existing GitHub App</a></p>`);
}

export function importPage(input: { name: string; webhookUrl: string; githubUrl: string }): string {
  return page(`Use an existing GitHub App with ${input.name}`, `
<h1>Use an existing GitHub App</h1>
<h2>1. Point the app's webhooks here</h2>
<p>In <a href="${escapeHtml(input.githubUrl)}/settings/apps" rel="noreferrer">your app's settings</a>, replace the Webhook URL with
<span class="url" id="webhook-url">${escapeHtml(input.webhookUrl)}</span></p>
<h2>2. Give ${escapeHtml(input.name)} the app's credentials</h2>
<form id="import">
  <label for="appId">App ID</label><input type="text" required id="appId" name="appId">
  <label for="whs">Webhook secret</label><input type="password" required id="whs" name="whs">
  <label for="pem">Private key (.pem)</label><input type="file" accept=".pem" required id="pem" name="pem">
  <p><button class="btn" type="submit">Save to .env</button></p>
  <p class="error" id="import-error" hidden></p>
</form>
<script>
document.getElementById('import').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('import-error');
  try {
    const pem = await document.getElementById('pem').files[0].text();
    const response = await fetch('/probot/import', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appId: document.getElementById('appId').value, pem, webhook_secret: document.getElementById('whs').value }) });
    if (!response.ok) throw new Error(await response.text());
    location.assign('/probot/success');
  } catch (e) { error.hidden = false; error.textContent = String(e.message || e); }
});
</script>`);
}

export function successPage(input: { name: string }): string {
  return page(`${input.name} is set up`, `
<h1>${escapeHtml(input.name)} is set up</h1>
<p>The credentials are in <code>.env</code>. Restart the server (<code>npm start</code>) to receive webhooks.</p>`);
}

export function errorPage(input: { name: string; message: string }): string {
  return page(`Setting up ${input.name} failed`, `
<h1>Setting up ${escapeHtml(input.name)} failed</h1>
<p class="error" id="error">${escapeHtml(input.message)}</p>
<p><a href="/probot">Back to the setup page</a></p>`);
}

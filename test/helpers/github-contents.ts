// nock replies shaped like GitHub's contents API, for tests that read and write repository files.
export const API = 'https://api.github.com';

/** The contents endpoint path for a file, with the path encoded the way Octokit sends it. */
export function contentsPath(owner: string, repo: string, path: string): string {
  return `/repos/${owner}/${repo}/contents/${encodeURIComponent(path)}`;
}

/** GET /contents answer for an existing text file (JSON media type, base64 content). */
export function fileReply(path: string, text: string, sha = 'blob-sha-1') {
  return [
    200,
    {
      type: 'file',
      encoding: 'base64',
      size: Buffer.byteLength(text),
      name: path.split('/').pop(),
      path,
      sha,
      content: Buffer.from(text, 'utf8').toString('base64'),
    },
    { etag: `"${sha}"` },
  ] as const;
}

/** Raw-media answer (what Probot's config reader asks for). */
export function rawReply(text: string, etag = '"config-v1"') {
  return [200, text, { 'content-type': 'text/plain; charset=utf-8', etag }] as const;
}

/** PUT /contents answer for a created file. */
export function createdReply(path: string, commitSha = 'commit-sha-1') {
  return [201, { content: { path, sha: 'new-blob-sha' }, commit: { sha: commitSha } }] as const;
}

/** Decodes the base64 `content` of a recorded PUT body. */
export function decodedContent(body: unknown): string {
  return Buffer.from(String((body as { content?: unknown })?.content ?? ''), 'base64').toString('utf8');
}

/** Requests nock had no interceptor for (a retry, a request nobody expected); they never reach recordRequests. */
export function recordUnmatched(nock: {
  emitter: { on(event: 'no match', listener: (req: any) => void): unknown; removeAllListeners(event: 'no match'): unknown };
}): string[] {
  const unmatched: string[] = [];
  nock.emitter.removeAllListeners('no match');
  nock.emitter.on('no match', (req: any) => unmatched.push(`${req.method ?? ''} ${req.path ?? req.href ?? ''}`));
  return unmatched;
}

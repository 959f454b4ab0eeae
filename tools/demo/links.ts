// The links planbot writes point at github.com (or the simulator's web address) for a repository
// that exists only while the demo runs. In the report they point at the report's own copy of what
// they name (a line of plan.md, an issue, the pull request), or are marked as simulated.
import type { LinkRewriter } from './markdown.js';

export interface LinkedFile {
  /** Anchor id in the report. */
  id: string;
  ref: string;
  path: string;
  content: string;
}

export interface ReportLinkContext {
  owner: string;
  repo: string;
  files: LinkedFile[];
  issueNumbers: number[];
  pullNumber: number;
  /** Anchor of the pull request's step. */
  pullAnchor: string;
}

/** `<anything>://host/owner/repo/<kind>/<rest>` for the demo's repository, else null. */
function parse(href: string, owner: string, repo: string): { kind: string; rest: string; hash: string } | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null; // relative links and anchors are the report's own
  }
  const prefix = `/${owner}/${repo}/`;
  if (!url.pathname.startsWith(prefix)) return null;
  const [kind, ...rest] = url.pathname.slice(prefix.length).split('/');
  return { kind, rest: rest.map(decodeURIComponent).join('/'), hash: url.hash };
}

/** The files (ref and path) that blob links in these markdown texts name. */
export function blobLinksIn(texts: string[], owner: string, repo: string): Array<{ ref: string; path: string }> {
  const found = new Map<string, { ref: string; path: string }>();
  for (const text of texts) {
    for (const match of text.matchAll(/\]\((\S+?)\)|<(https?:\/\/[^>\s]+)>|(https?:\/\/\S+)/g)) {
      const link = parse(match[1] ?? match[2] ?? match[3], owner, repo);
      if (link?.kind !== 'blob') continue;
      const slash = link.rest.indexOf('/');
      if (slash <= 0) continue;
      const ref = link.rest.slice(0, slash);
      const path = link.rest.slice(slash + 1);
      found.set(`${ref}\u0000${path}`, { ref, path });
    }
  }
  return [...found.values()];
}

export function reportLinkRewriter(context: ReportLinkContext): LinkRewriter {
  const simulated = (href: string) => ({ simulated: `Simulated: on GitHub this links to ${href}` });
  return (href) => {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return null;
    }
    const link = parse(href, context.owner, context.repo);
    // github.com and the simulator's loopback address hold nothing of the demo once it is over.
    const elsewhere = (url.protocol === 'http:' || url.protocol === 'https:') && !/^(github\.com|www\.github\.com|localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname);
    if (!link) return elsewhere ? null : simulated(href);
    if (link.kind === 'blob') {
      const file = context.files.find((candidate) => link.rest === `${candidate.ref}/${candidate.path}`);
      if (!file) return simulated(href);
      const line = /^#L(\d+)/.exec(link.hash)?.[1];
      const lines = file.content.replace(/\n$/, '').split('\n').length;
      return { href: line && Number(line) <= lines ? `#${file.id}-L${line}` : `#${file.id}` };
    }
    if (link.kind === 'issues' && context.issueNumbers.includes(Number(link.rest.split('/')[0]))) return { href: `#issue-${Number(link.rest.split('/')[0])}` };
    if (link.kind === 'pull' && Number(link.rest.split('/')[0]) === context.pullNumber) return { href: `#${context.pullAnchor}` };
    return simulated(href);
  };
}

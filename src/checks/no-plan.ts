// What a feature branch's pull request without a plan is told: where the plan belongs and the
// three ways to add one.
import type { FeatureRef } from '../plan/feature.js';
import { code } from './markdown.js';

export interface NoPlanFacts {
  feature: FeatureRef;
  expectedPath: string;
  headSha: string;
  /** `owner/repo` the branch lives in (a fork's for fork pull requests). */
  headRepository: string;
}

/** GitHub's "create new file" page on the branch, with the path filled in. */
export function newFileUrl(headRepository: string, branch: string, path: string): string {
  const encodedBranch = branch.split('/').map(encodeURIComponent).join('/');
  return `https://github.com/${headRepository}/new/${encodedBranch}?filename=${encodeURIComponent(path)}`;
}

export function noPlanSection(facts: NoPlanFacts): string {
  const { feature, expectedPath, headSha } = facts;
  return [
    `### No plan for ${code(feature.feature)}`,
    '',
    `The branch ${code(feature.branch)} belongs to feature ${code(feature.feature)}, whose plan should be at ` +
      `${code(expectedPath)}, but there is no such file at ${code(headSha.slice(0, 7))}.`,
    '',
    'To add one, either:',
    '- comment `/planbot init` on this pull request: planbot commits the plan skeleton to the branch;',
    `- or run \`planbot init\` in your checkout, then commit and push ${code(expectedPath)};`,
    `- or [create the file on GitHub](${newFileUrl(facts.headRepository, feature.branch, expectedPath)}).`,
    '',
    'This check runs again on every push.',
  ].join('\n');
}

// The simulator's records: plain data of users, repositories and what lives in them (the state
// that holds them is state.ts; the Projects store imports these without importing the state).
import type { GitStore } from './git.js';

export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

export interface SimUser {
  login: string;
  id: number;
  type: 'User' | 'Bot' | 'Organization';
}

export interface SimLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface SimIssue {
  /** Database id: what sub-issues and dependencies take. */
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  assignees: string[];
  milestone: number | null;
  type: string | null;
  user: SimUser;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** Set when this issue number belongs to a pull request. */
  isPullRequest: boolean;
  /** Sub-issue database ids, in order. */
  subIssues: number[];
  parent: number | null;
  /** Database ids of the issues blocking this one. */
  blockedBy: number[];
}

export interface SimReaction {
  id: number;
  content: string;
  user: SimUser;
  created_at: string;
}

export interface SimComment {
  id: number;
  issueNumber: number;
  body: string;
  user: SimUser;
  created_at: string;
  updated_at: string;
  reactions: SimReaction[];
}

export interface SimAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: string;
  message: string;
  title?: string;
  raw_details?: string;
}

export interface SimCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: string | null;
  started_at: string;
  completed_at: string | null;
  details_url: string | null;
  external_id: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: SimAnnotation[];
  actions: Array<{ label: string; description: string; identifier: string }>;
  app: SimUser;
  appId: number;
  /** How many PATCH requests changed it. */
  updates: number;
}

export interface SimStatus {
  id: number;
  sha: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  context: string;
  description: string | null;
  target_url: string | null;
  creator: SimUser;
  created_at: string;
}

export interface SimPull {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  draft: boolean;
  merged: boolean;
  head: string;
  /** Set for pull requests from a fork: `owner/repo` of the head repository. */
  headRepo: string | null;
  base: string;
  user: SimUser;
  created_at: string;
  updated_at: string;
}

export interface SimReview {
  id: number;
  pullNumber: number;
  user: SimUser;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
  body: string;
  commit_id: string;
  submitted_at: string;
}

export interface SimRepo {
  id: number;
  node_id: string;
  name: string;
  owner: SimUser;
  full_name: string;
  private: boolean;
  default_branch: string;
  installationId: number;
  created_at: string;
  git: GitStore;
  issues: Map<number, SimIssue>;
  comments: Map<number, SimComment>;
  labels: Map<string, SimLabel>;
  checkRuns: Map<number, SimCheckRun>;
  statuses: SimStatus[];
  pulls: Map<number, SimPull>;
  reviews: SimReview[];
  permissions: Map<string, Permission>;
  /** Issues and pull requests share one number sequence. */
  lastNumber: number;
}

export function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

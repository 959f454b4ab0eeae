// `projects_v2_item` events: what a person changed is read from the payload, at no request cost
// (the next sync compares the card with planbot's record).
import { describe, expect, it } from '@jest/globals';
import { MemoryGitHub } from '../helpers/memory-github.js';
import { memoryJob } from '../helpers/memory-job.js';
import { cardChange, onProjectItemChanged } from '../../src/projects/item-events.js';

const payload = {
  action: 'edited',
  projects_v2_item: { id: 7, node_id: 'PVTI_1', project_node_id: 'PVT_1', content_node_id: 'I_5002', content_type: 'Issue' },
  changes: { field_value: { field_node_id: 'F_status', field_type: 'single_select' } },
  organization: { login: 'acme' },
  sender: { login: 'mona', type: 'User' },
  installation: { id: 1 },
};

describe('projects_v2_item', () => {
  it('reads which card and field a person changed', () => {
    expect(cardChange(payload)).toEqual({ itemId: 'PVTI_1', projectId: 'PVT_1', contentId: 'I_5002', action: 'edited', fieldId: 'F_status' });
    expect(cardChange({ ...payload, projects_v2_item: { ...payload.projects_v2_item, content_type: 'DraftIssue' } })).toBeNull();
    expect(cardChange({ action: 'edited' })).toBeNull();
  });

  it('costs no request (an organisation event names no repository)', async () => {
    const github = new MemoryGitHub();
    const change = await onProjectItemChanged(memoryJob(github, { name: 'projects_v2_item', payload }));
    expect(change?.fieldId).toBe('F_status');
    expect(github.calls).toEqual([]);
  });
});

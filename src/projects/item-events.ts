// `projects_v2_item` events (organisation Projects only: GitHub sends none for user Projects). The
// durable record of what a person changed is the board itself, read against planbot's record of
// what it last set (board-record.ts) at the next sync; this handler only notes the change, so a
// person's move costs planbot no request at all.
import type { Job } from '../job/job.js';

export interface CardChange {
  itemId: string;
  projectId: string;
  /** The node id; null for draft issues. */
  contentId: string | null;
  action: string;
  /** The field a person edited (`edited`), when GitHub says. */
  fieldId: string | null;
}

/** What a person changed on a card, from the payload; null when the event is not about a card's content. */
export function cardChange(payload: any): CardChange | null {
  const item = payload?.projects_v2_item;
  if (!item || typeof item.node_id !== 'string') return null;
  if (item.content_type && item.content_type !== 'Issue') return null;
  const field = payload.changes?.field_value;
  return {
    itemId: item.node_id,
    projectId: String(item.project_node_id ?? ''),
    contentId: typeof item.content_node_id === 'string' ? item.content_node_id : null,
    action: String(payload.action ?? ''),
    fieldId: typeof field?.field_node_id === 'string' ? field.field_node_id : null,
  };
}

export async function onProjectItemChanged(job: Job): Promise<CardChange | null> {
  const change = cardChange(job.payload);
  if (!change) return null;
  job.log.info({ ...change, sender: job.payload?.sender?.login }, 'a person changed a card; planbot leaves its Status until the phase changes');
  return change;
}

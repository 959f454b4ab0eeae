// What a command is about and what it came to: shared by the command runner and each command.
import type { PlanbotMarker } from '../sync/marker.js';

/** Where a command was written: a pull request, or one of planbot's own issues (phase or tracking). */
export type CommandSite = { kind: 'pull'; number: number } | { kind: 'issue'; marker: PlanbotMarker };

/** Done (maybe with a note worth telling), or failed with a reason. */
export type CommandOutcome = { ok: true; note?: string } | { ok: false; reason: string };

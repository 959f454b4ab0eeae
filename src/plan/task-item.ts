// The front of a task's text: an optional id (`T001`, `**T001**`) and markers (`[P]`, `[US1]`).
// The markers are data, not placeholders, so the parser needs to know where they end.

export interface TaskPrefix {
  id: string | null;
  markers: string[];
}

const ID = String.raw`(?:T\d+|[A-Z][A-Z0-9]{0,7}-\d+(?:\.\d+)*)`;
const PREFIX = new RegExp(String.raw`^\s*(?:(${ID})(?=$|[\s:.,)\]*_])[\s:.)*_-]*)?((?:\[[^[\]\s]{1,24}\][\s*_]*)*)`, 'u');
/** The same prefix in markdown source (from the checkbox on), where the id may be wrapped in `**`. */
const RAW_PREFIX = new RegExp(String.raw`^(?:\[[ xX]\])?[\s*_]*(?:${ID}[\s:.)*_-]*)?(?:\[[^[\]\s]{1,24}\][\s*_]*)*`, 'u');

/** Reads the id and markers from a task's plain text. */
export function readTaskPrefix(text: string): TaskPrefix {
  const match = PREFIX.exec(text);
  const markers = [...(match?.[2] ?? '').matchAll(/\[([^[\]\s]+)\]/g)].map((marker) => marker[1]);
  return { id: match?.[1] ?? null, markers };
}

/** Length of the id-and-markers prefix in the task's markdown source. */
export function rawPrefixLength(source: string): number {
  return RAW_PREFIX.exec(source)?.[0].length ?? 0;
}

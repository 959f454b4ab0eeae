// The date written into new plans. Replaceable so tests (and demos) get deterministic output.

export type Clock = () => Date;

const systemClock: Clock = () => new Date();
let current: Clock = systemClock;

/** Today's date (UTC) as YYYY-MM-DD. */
export function today(clock: Clock = current): string {
  return clock().toISOString().slice(0, 10);
}

/** Sets the process-wide clock; returns a function that restores the previous one. */
export function useClock(clock: Clock): () => void {
  const previous = current;
  current = clock;
  return () => {
    current = previous;
  };
}

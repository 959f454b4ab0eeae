// `/planbot sync` while another sync of the same feature holds its lock on another replica (the
// Redis feature lock gives up after its wait and says so). The command used to answer "…will
// retry" and never did. Now it really retries, a bounded number of times, and if the feature is
// still busy it says that it did not run, never that it will.
const BUSY = /still being synced elsewhere/;

let delays: number[] = [2_000, 5_000, 10_000];

export function isBusy(error: unknown): boolean {
  return BUSY.test(String((error as Error)?.message ?? ''));
}

/** Total time spent waiting before giving up. */
export function busyWaitMs(): number {
  return delays.reduce((sum, delay) => sum + delay, 0);
}

/** Tests use short waits. */
export function setBusyDelays(next: number[]): void {
  delays = next;
}

export async function whileBusy<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isBusy(error) || attempt >= delays.length) throw error;
      await new Promise((resolve) => setTimeout(resolve, delays[attempt]));
    }
  }
}

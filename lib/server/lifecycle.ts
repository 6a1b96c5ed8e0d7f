import "server-only";

// The process's stage, read by /api/health: a balancer must stop sending traffic the moment a
// stop begins, not when the last poll has finished writing.

const state = globalThis as unknown as { edgescopeDraining?: boolean };

export const markDraining = () => {
  state.edgescopeDraining = true;
};

export const isDraining = () => state.edgescopeDraining === true;

/** Waits for `work`, but no longer than `capMs`: answers whether it finished in time. */
export async function withinCap(work: Promise<unknown>, capMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const capped = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), capMs)));
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      capped,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** How often (events) a long verification asks whether its time slice is spent. */
export const SLICE_CHECK_EVERY = 50;

/**
 * A progress callback that yields to the event loop once `budgetMs` of work has run since
 * the last yield: other requests (and /healthz) wait at most about one slice, whatever
 * the speed of the machine.
 */
export function timeSlices(
  budgetMs = 8,
  onProgress: (eventsChecked: number) => void = () => undefined,
): (eventsChecked: number) => Promise<void> | void {
  let sliceStarted = performance.now();
  return (eventsChecked) => {
    onProgress(eventsChecked);
    if (performance.now() - sliceStarted < budgetMs) return;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        sliceStarted = performance.now();
        resolve();
      }),
    );
  };
}

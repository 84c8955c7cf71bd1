/** Waiting with a bound, for the account's shutdown steps (unregister, unsubscribe, stop the XCAP manager). */

/** Resolves when `work` settles (its rejection is swallowed) or after `ms` milliseconds, whichever is first. */
export async function bounded(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work.catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

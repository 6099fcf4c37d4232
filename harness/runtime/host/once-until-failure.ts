/**
 * `fn` run once and its promise shared by every caller — until it rejects:
 * then the next call runs it again (the user may have just installed the
 * server, or started the daemon).
 */
export function onceUntilFailure<T>(fn: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    if (pending === undefined) {
      const p = fn();
      pending = p;
      p.catch(() => {
        if (pending === p) pending = undefined;
      });
    }
    return pending;
  };
}

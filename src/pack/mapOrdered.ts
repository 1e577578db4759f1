/**
 * Like `mapLimit`, but yields results one by one in input order while later calls run ahead: at
 * most `limit` calls are started and not yet consumed, so memory stays bounded by the window.
 * On a failure (or when the consumer stops early) every started call settles before the error
 * leaves, so nothing keeps running behind it.
 */
export async function* mapOrdered<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): AsyncGenerator<R> {
  const window: Promise<R>[] = [];
  let next = 0;
  const start = (): void => {
    const i = next++;
    const p = fn(items[i] as T, i);
    p.catch(() => undefined);
    window.push(p);
  };
  try {
    while (next < items.length && window.length < Math.max(1, limit)) start();
    while (window.length > 0) {
      const value = await (window.shift() as Promise<R>);
      if (next < items.length) start();
      yield value;
    }
  } finally {
    await Promise.allSettled(window);
  }
}

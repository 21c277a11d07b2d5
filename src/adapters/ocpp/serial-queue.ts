// Runs tasks one after another. A station's calls are handled in the order
// they arrived (OCPP-J allows one outstanding CALL per direction, §4.1.1 in
// both versions), and a station that pipelines anyway only ever occupies one
// handler at a time, so it cannot starve the others.
export interface SerialQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
  pending(): number;
}

export class QueueFullError extends Error {}

export function createSerialQueue(limit: number): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;

  return {
    run(task) {
      if (pending >= limit) return Promise.reject(new QueueFullError(`more than ${limit} tasks waiting`));
      pending += 1;
      const result = tail.then(task).finally(() => {
        pending -= 1;
      });
      tail = result.catch(() => undefined);
      return result;
    },
    pending: () => pending,
  };
}

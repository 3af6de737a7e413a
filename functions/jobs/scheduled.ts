/** A scheduled job: runs, logs its counts as one JSON line, and lets a failure fail the invocation (EventBridge retries). */
export function scheduled(name: string, job: () => Promise<unknown>) {
  return async (): Promise<unknown> => {
    const startedAt = Date.now();
    const summary = await job();
    console.log(JSON.stringify({ level: 'info', job: name, ms: Date.now() - startedAt, summary }));
    return summary;
  };
}

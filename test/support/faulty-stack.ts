/**
 * A stack whose database can be made to fail (README § Failing safely): its OWN DynamoDB Local
 * (not the run's shared one, which other test files use at the same time), on a free port, keeping
 * its data in a folder so that a killed process restarted on the same port and folder still has it;
 * the fake WeChat server; and the API's handlers over real HTTP, pointed at that database.
 *
 *   pause()   SIGSTOP: the port still accepts connections, nothing answers (a stalled table)
 *   resume()  SIGCONT
 *   kill()    SIGKILL, and waits until the process is gone
 *   restart() starts it again on the same port and data folder
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../infra/local/dynamodb-local';
import { startHttpApi } from '../../infra/local/http-api';
import { ensureTable } from '../../infra/local/tables';
import { startFakeWechat } from '../../infra/wechat-fake/server';
import type { TestStack } from './stack';

export interface FaultyStack extends TestStack {
  pause(): void;
  resume(): void;
  kill(): Promise<void>;
  restart(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

export async function startFaultyStack(): Promise<FaultyStack> {
  // tmpfs where there is one: the files outlive the process (what a restart needs) without the disk's fsyncs.
  const dataDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'tongka-faults-'));
  const port = await freePort();
  let dynamodb: DynamoDbLocal = await startDynamoDbLocal({ port, dataDir });
  let paused = false;
  const tableName = `tongka-faults-${randomUUID().slice(0, 8)}`;
  await ensureTable(dynamodb.endpoint, tableName);
  const wechat = await startFakeWechat();
  process.env.TABLE_NAME = tableName;
  process.env.DYNAMODB_ENDPOINT = dynamodb.endpoint;
  process.env.WECHAT_API_BASE = wechat.url;
  const api = await startHttpApi();
  return {
    endpoint: dynamodb.endpoint,
    tableName,
    api,
    wechat,
    pause: () => {
      process.kill(dynamodb.pid, 'SIGSTOP');
      paused = true;
    },
    resume: () => {
      process.kill(dynamodb.pid, 'SIGCONT');
      paused = false;
    },
    kill: async () => {
      process.kill(dynamodb.pid, 'SIGKILL');
      await dynamodb.exited;
    },
    restart: async () => {
      dynamodb = await startDynamoDbLocal({ port, dataDir });
    },
    stop: async () => {
      if (paused) process.kill(dynamodb.pid, 'SIGCONT');
      await api.stop();
      await wechat.stop();
      await dynamodb.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

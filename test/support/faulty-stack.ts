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
 *   loseAnswers('TransactWriteItems') DynamoDB still receives and applies those calls, but their
 *             answers never reach the API (a proxy in front of it swallows them); null ends it
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDbLocal } from '../../infra/local/dynamodb-local';
import { startLeanDynamoDbLocal } from './lean-dynamodb';
import { serveNewTable, type TestStack } from './stack';

export interface FaultyStack extends TestStack {
  loseAnswers(operation: string | null): void;
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

/**
 * A loopback TCP proxy in front of DynamoDB Local. The SDK sends one request at a time on a
 * connection, so the operation (`X-Amz-Target`) last seen going up names the answer coming down.
 */
async function startProxy(targetPort: number) {
  let losing: string | null = null;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    let operation = '';
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', end).on('close', end);
    }
    client.on('data', (chunk: Buffer) => {
      operation = chunk.toString('latin1').match(/x-amz-target:\s*DynamoDB_\d+\.(\w+)/i)?.[1] ?? operation;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (losing === null || operation !== losing) client.write(chunk);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as { port: number }).port,
    loseAnswers: (operation: string | null) => {
      losing = operation;
      // Connections that lost an answer part-way are of no further use: start afresh.
      if (operation === null) for (const socket of sockets) socket.destroy();
    },
    stop: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

export async function startFaultyStack(): Promise<FaultyStack> {
  // tmpfs where there is one: the files outlive the process (what a restart needs) without the disk's fsyncs.
  const dataDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'tongka-faults-'));
  const port = await freePort();
  let dynamodb: DynamoDbLocal = await startLeanDynamoDbLocal({ port, dataDir });
  let paused = false;
  const proxy = await startProxy(port);
  const endpoint = `http://127.0.0.1:${proxy.port}`;
  const { tableName, api, wechat } = await serveNewTable(endpoint, 'tongka-faults');
  return {
    endpoint,
    tableName,
    api,
    wechat,
    loseAnswers: proxy.loseAnswers,
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
      dynamodb = await startLeanDynamoDbLocal({ port, dataDir });
    },
    stop: async () => {
      if (paused) process.kill(dynamodb.pid, 'SIGCONT');
      await api.stop();
      await wechat.stop();
      await proxy.stop();
      await dynamodb.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

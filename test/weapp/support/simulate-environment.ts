/**
 * The jest environment of the simulate test: jsdom (miniprogram-simulate renders WXML into a DOM)
 * plus the Node globals the in-process API stack needs (fetch, webcrypto, TextEncoder…), and Node's
 * package export conditions so that the AWS SDK loads its Node build.
 *
 * jest-environment-jsdom alone gives a browser: no fetch, no crypto.subtle, and `browser` exports.
 */
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import { TestEnvironment as JsdomEnvironment } from 'jest-environment-jsdom';
import { webcrypto } from 'node:crypto';

/** Node globals jsdom lacks that the API, the SDK or the test's HTTP calls use. */
const NODE_GLOBALS = [
  'fetch',
  'Headers',
  'Request',
  'Response',
  'TextEncoder',
  'TextDecoder',
  'structuredClone',
  'ReadableStream',
  'WritableStream',
  'TransformStream',
  'setImmediate',
  'clearImmediate',
  'BroadcastChannel',
] as const;

export default class SimulateEnvironment extends JsdomEnvironment {
  override customExportConditions = ['node', 'node-addons'];

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    const global = this.global as unknown as Record<string, unknown>;
    const outer = globalThis as unknown as Record<string, unknown>;
    for (const name of NODE_GLOBALS) {
      if (global[name] === undefined && outer[name] !== undefined) global[name] = outer[name];
    }
    // As jest-environment-node does: TextEncoder and webcrypto hand out the outer realm's
    // Uint8Array/ArrayBuffer, which `instanceof` checks in the SDK must recognise.
    global.ArrayBuffer = ArrayBuffer;
    global.Uint8Array = Uint8Array;
    // jsdom's crypto has getRandomValues but no subtle, which the SDK's checksums may use.
    Object.defineProperty(global, 'crypto', { configurable: true, enumerable: true, writable: true, value: webcrypto });
  }
}

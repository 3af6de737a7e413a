/**
 * Personal fields encrypted beyond the table's own encryption (README § Encryption): the phone and
 * the birth year are sealed with AES-256-GCM under a data key, and the data key is wrapped by a
 * master key — KMS in AWS (GenerateDataKey / Decrypt), a local key on the local stage — and stored
 * with each value. A container makes one data key per master key and reuses it; a value written
 * under a master key that has since been rotated out of use still opens, because it names its master
 * key and carries its wrapped data key.
 *
 *   sealed value: f1.<master key id>.<wrapped data key>.<iv>.<ciphertext+tag>   (base64url parts)
 *
 * Phones are also found by a keyed hash (HMAC-SHA256 under a separate key), never the clear number.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { config } from './config';

interface DataKey {
  masterKeyId: string;
  plaintext: Buffer;
  wrapped: string;
}

const b64 = (buffer: Buffer) => buffer.toString('base64url');
const unb64 = (text: string) => Buffer.from(text, 'base64url');

function gcmSeal(key: Buffer, plaintext: Buffer, aad: string): { iv: Buffer; body: Buffer } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { iv, body };
}

function gcmOpen(key: Buffer, iv: Buffer, body: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
}

/** Where data keys come from: KMS in AWS, the local master keys elsewhere. */
interface KeyProvider {
  currentMasterKeyId(): string;
  newDataKey(masterKeyId: string): Promise<DataKey>;
  unwrap(masterKeyId: string, wrapped: string): Promise<Buffer>;
}

const localProvider: KeyProvider = {
  currentMasterKeyId: () => config.fieldKeys.current,
  async newDataKey(masterKeyId) {
    const master = localMaster(masterKeyId);
    const plaintext = randomBytes(32);
    const { iv, body } = gcmSeal(master, plaintext, `dek:${masterKeyId}`);
    return { masterKeyId, plaintext, wrapped: `${b64(iv)}~${b64(body)}` };
  },
  async unwrap(masterKeyId, wrapped) {
    const [iv, body] = wrapped.split('~');
    if (!iv || !body) throw new Error('A wrapped data key is malformed');
    return gcmOpen(localMaster(masterKeyId), unb64(iv), unb64(body), `dek:${masterKeyId}`);
  },
};

function localMaster(masterKeyId: string): Buffer {
  const key = config.fieldKeys.keys[masterKeyId];
  if (!key) throw new Error(`Field master key ${masterKeyId} is not configured (TONGKA_FIELD_KEYS)`);
  return key;
}

/** KMS is needed only in AWS, where the Node.js runtime carries the SDK: not bundled (serverless.yml esbuild external). */
const kmsProvider = (keyId: string): KeyProvider => ({
  currentMasterKeyId: () => 'kms',
  async newDataKey() {
    const { KMSClient, GenerateDataKeyCommand } = await import('@aws-sdk/client-kms');
    const answer = await new KMSClient({}).send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
    return { masterKeyId: 'kms', plaintext: Buffer.from(answer.Plaintext!), wrapped: b64(Buffer.from(answer.CiphertextBlob!)) };
  },
  async unwrap(_masterKeyId, wrapped) {
    const { KMSClient, DecryptCommand } = await import('@aws-sdk/client-kms');
    // The ciphertext blob names its KMS key (and key version), so rotated keys still decrypt.
    const answer = await new KMSClient({}).send(new DecryptCommand({ CiphertextBlob: unb64(wrapped) }));
    return Buffer.from(answer.Plaintext!);
  },
});

const provider = (): KeyProvider => (config.fieldKeys.kmsKeyId ? kmsProvider(config.fieldKeys.kmsKeyId) : localProvider);

/** One data key per master key per container; unwrapped keys are remembered by their wrapped form. */
const dataKeys = new Map<string, Promise<DataKey>>();
const unwrapped = new Map<string, Promise<Buffer>>();

function currentDataKey(): Promise<DataKey> {
  const source = provider();
  const masterKeyId = source.currentMasterKeyId();
  let key = dataKeys.get(masterKeyId);
  if (!key) {
    key = source.newDataKey(masterKeyId);
    key.catch(() => dataKeys.delete(masterKeyId));
    dataKeys.set(masterKeyId, key);
  }
  return key;
}

const PREFIX = 'f1';

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(`${PREFIX}.`);
}

/** The master key a sealed value was written under (for re-keying after a rotation). */
export function masterKeyOf(sealed: string): string {
  return sealed.split('.')[1] ?? '';
}

export const currentMasterKeyId = () => provider().currentMasterKeyId();

/** Seals `plaintext`; `field` is bound in (a sealed phone cannot be passed off as a birth year). */
export async function seal(plaintext: string, field: string): Promise<string> {
  const key = await currentDataKey();
  const { iv, body } = gcmSeal(key.plaintext, Buffer.from(plaintext, 'utf8'), field);
  return [PREFIX, key.masterKeyId, key.wrapped, b64(iv), b64(body)].join('.');
}

export async function open(sealed: string, field: string): Promise<string> {
  const [prefix, masterKeyId, wrapped, iv, body] = sealed.split('.');
  if (prefix !== PREFIX || !masterKeyId || !wrapped || !iv || !body) throw new Error('Not a sealed value');
  const cacheKey = `${masterKeyId}.${wrapped}`;
  let key = unwrapped.get(cacheKey);
  if (!key) {
    key = provider().unwrap(masterKeyId, wrapped);
    key.catch(() => unwrapped.delete(cacheKey));
    unwrapped.set(cacheKey, key);
  }
  return gcmOpen(await key, unb64(iv), unb64(body), field).toString('utf8');
}

/** The phone's keyed hash: what the phone claim and lookups use instead of the number. */
export function phoneIndexOf(phone: string): string {
  return `h1.${createHmac('sha256', config.phoneIndexKey).update(phone).digest('base64url')}`;
}

/** Forgets cached data keys (tests that rotate the master key in one process). */
export function forgetDataKeys(): void {
  dataKeys.clear();
  unwrapped.clear();
}

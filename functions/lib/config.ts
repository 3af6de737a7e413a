import { createHash } from 'node:crypto';

/** Configuration from the environment, read once per container. serverless.yml sets these. */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

/**
 * Whether handlers check each answer against its route's declaration (response schema, error
 * codes): on the local stage and in tests, not in AWS (TONGKA_CONTRACT_CHECKS=0|1 overrides).
 */
export function contractChecks(): boolean {
  const forced = process.env.TONGKA_CONTRACT_CHECKS;
  if (forced === '0' || forced === '1') return forced === '1';
  return (process.env.STAGE ?? 'dev') === 'local';
}

export const config = {
  get stage(): string {
    return process.env.STAGE ?? 'dev';
  },
  get tableName(): string {
    return required('TABLE_NAME');
  },
  /** Set only locally (DynamoDB Local); empty in AWS. */
  get dynamodbEndpoint(): string | undefined {
    return process.env.DYNAMODB_ENDPOINT || undefined;
  },
  get tokenSecret(): string {
    return required('TONGKA_TOKEN_SECRET');
  },
  get memberCodeSecret(): string {
    return required('TONGKA_MEMBER_CODE_SECRET');
  },
  /** WeChat subscribe-message template ids, one per purpose (set them to your mini-program's). */
  get messageTemplates() {
    return {
      birthday: process.env.WECHAT_TEMPLATE_BIRTHDAY || 'tmpl-birthday-gift',
      reactivation: process.env.WECHAT_TEMPLATE_REACTIVATION || 'tmpl-comeback-offer',
      bookingReminder: process.env.WECHAT_TEMPLATE_BOOKING_REMINDER || 'tmpl-booking-reminder',
    };
  },
  /** How long before a booking its reminder goes out (default 2 hours). */
  get reminderLeadMinutes(): number {
    return Number(process.env.BOOKING_REMINDER_LEAD_MINUTES || 120);
  },
  /** Abuse limits (README § Abuse limits): sign-ins per WeChat user per hour (default 60). */
  get loginsPerHour(): number {
    return Number(process.env.TONGKA_LOGINS_PER_HOUR || 60);
  },
  /** Member codes one member may fetch per minute (default 12; the app fetches one a minute). */
  get codesPerMinute(): number {
    return Number(process.env.TONGKA_CODES_PER_MINUTE || 12);
  },
  /** Scans (visits opened by a member code) one staff member may make per hour (default 300). */
  get scansPerHour(): number {
    return Number(process.env.TONGKA_SCANS_PER_HOUR || 300);
  },
  /** Invalid member codes one staff member may scan per hour before every scan is refused (default 20). */
  get invalidScansPerHour(): number {
    return Number(process.env.TONGKA_INVALID_SCANS_PER_HOUR || 20);
  },
  /** Phone lookups (报手机号积分) one staff member may make per hour (default 30). */
  get phoneLookupsPerHour(): number {
    return Number(process.env.TONGKA_PHONE_LOOKUPS_PER_HOUR || 30);
  },
  /** 导出我的数据 a member may ask for per Shanghai day (default 3). */
  get exportsPerDay(): number {
    return Number(process.env.TONGKA_EXPORTS_PER_DAY || 3);
  },
  /**
   * Master keys of the encrypted personal fields (README § Encryption). In AWS: TONGKA_KMS_KEY_ID
   * (the stage's KMS key). Elsewhere: TONGKA_FIELD_KEYS, JSON of key id → 32 bytes base64, and
   * TONGKA_FIELD_KEY_CURRENT, the one new values are written under (the others still open old ones).
   */
  get fieldKeys(): { kmsKeyId: string | undefined; keys: Record<string, Buffer>; current: string } {
    const kmsKeyId = process.env.TONGKA_KMS_KEY_ID || undefined;
    const configured = process.env.TONGKA_FIELD_KEYS;
    const keys: Record<string, Buffer> = configured
      ? Object.fromEntries(Object.entries(JSON.parse(configured) as Record<string, string>).map(([id, key]) => [id, Buffer.from(key, 'base64')]))
      : { dev1: createHash('sha256').update('tongka-local-field-key-dev1').digest() };
    const current = process.env.TONGKA_FIELD_KEY_CURRENT || Object.keys(keys)[0]!;
    if (!kmsKeyId && keys[current]?.length !== 32) throw new Error(`TONGKA_FIELD_KEYS must hold a 32-byte key ${current}`);
    return { kmsKeyId, keys, current };
  },
  /**
   * The key of the phone's keyed hash (lookups never use the clear number); serverless.yml sets it
   * like the token secret. Not rotated with the field keys: README § Encryption.
   */
  get phoneIndexKey(): string {
    return process.env.TONGKA_PHONE_INDEX_KEY || 'dev-phone-index-key-change-me-0123456789';
  },
  get wechat() {
    return {
      apiBase: required('WECHAT_API_BASE').replace(/\/$/, ''),
      appId: required('WECHAT_APP_ID'),
      appSecret: required('WECHAT_APP_SECRET'),
    };
  },
};

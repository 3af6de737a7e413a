/**
 * The registry of personal data (shared/privacy/fields.ts) is the one source of the privacy notice,
 * GET /v1/privacy/notice and PRIVACY.md: every attribute of the member's profile is in it, PRIVACY.md
 * is what it generates, and the notice's wording cannot change without a new version.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PERSONAL_FIELDS, retentionText } from '../../shared/privacy/fields';
import { noticeSections, noticeText, PRIVACY_NOTICE_HASH, PRIVACY_NOTICE_VERSION } from '../../shared/privacy/notice';
import { PRIVACY_MD, privacyMarkdown } from '../../infra/privacy/generate';

const ROOT = join(__dirname, '..', '..');

/**
 * Where the attributes of the member's profile are declared: `MemberRecord`, and the fields other
 * modules keep on the same item (consent, deletion). A module that adds fields to the profile under
 * its own interface belongs in this list.
 */
const PROFILE_INTERFACES: Array<[file: string, name: string]> = [
  ['functions/store/records.ts', 'MemberRecord'],
  ['functions/domain/consent.ts', 'ConsentFields'],
  ['functions/store/deletion.ts', 'DeletionFields'],
];

/** The attribute names an interface declares, read from its source (`[credit: …]` is `credit_*`). */
function interfaceKeys(file: string, name: string): string[] {
  const source = readFileSync(join(ROOT, file), 'utf8');
  const body = new RegExp(`export interface ${name} \\{\\n([\\s\\S]*?)\\n\\}`).exec(source)?.[1];
  if (!body) throw new Error(`${name} not found in ${file}`);
  const keys = [...body.matchAll(/^ {2}(\w+)\??:/gm)].map((m) => `${m[1]!}`);
  if (/^ {2}\[credit: `credit_\$\{string\}`\]/m.test(body)) keys.push('credit_*');
  return keys;
}

describe('the registry of personal data', () => {
  it('lists every attribute of the member’s profile (MemberRecord, and the consent and deletion fields) under some entry', () => {
    const listed = new Set(PERSONAL_FIELDS.flatMap((f) => f.memberFields ?? []));
    expect(interfaceKeys('functions/store/records.ts', 'MemberRecord').length).toBeGreaterThan(20);
    const unlisted = PROFILE_INTERFACES.flatMap(([file, name]) =>
      interfaceKeys(file, name)
        .filter((k) => !listed.has(k))
        .map((k) => `${name}.${k}`),
    );
    expect(unlisted).toEqual([]);
  });

  it('gives each entry a unique id, a Chinese name and purpose, an audience and a retention', () => {
    const ids = PERSONAL_FIELDS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of PERSONAL_FIELDS) {
      expect(`${f.id}: ${/[\u4e00-\u9fff]/.test(f.name) && /[\u4e00-\u9fff]/.test(f.purpose)}`).toBe(`${f.id}: true`);
      expect(f.seenBy.length).toBeGreaterThan(0);
      expect(retentionText(f.retention)).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('says how long each kind of record is kept: a day for counter visits, 24 hours for idempotency, three years for bills', () => {
    const retention = (id: string) => retentionText(PERSONAL_FIELDS.find((f) => f.id === id)!.retention);
    expect(retention('counter_visits')).toBe('接待结束后 1 天，到期自动删除');
    expect(retention('idempotency')).toBe('提交时间后 1 天，到期自动删除');
    expect(retention('access_log')).toBe('记录时间后 3 年，到期自动删除');
    expect(retention('bills')).toContain('3 年（《电子商务法》第三十一条），之后删除');
    expect(retention('session')).toBe('不在服务器保存；有效期 2 小时');
  });
});

describe('the privacy notice', () => {
  it('names every personal field in its sections', () => {
    const text = noticeText();
    for (const f of PERSONAL_FIELDS) expect(`${f.id}: ${text.includes(f.name)}`).toBe(`${f.id}: true`);
    expect(noticeSections().every((s) => s.title && s.body)).toBe(true);
  });

  it('changes its wording only with a new version (PRIVACY_NOTICE_HASH is the hash of the text of PRIVACY_NOTICE_VERSION)', () => {
    const hash = createHash('sha256').update(noticeText()).digest('hex').slice(0, 16);
    // On failure: the notice's text changed. Set PRIVACY_NOTICE_VERSION to today (shared/privacy/notice.ts
    // says how), PRIVACY_NOTICE_HASH to the hash received here, and run `npm run privacy`.
    expect(`${PRIVACY_NOTICE_VERSION} ${hash}`).toBe(`${PRIVACY_NOTICE_VERSION} ${PRIVACY_NOTICE_HASH}`);
  });

  it('is what PRIVACY.md says (run `npm run privacy` after changing the registry or the notice)', () => {
    expect(readFileSync(PRIVACY_MD, 'utf8')).toBe(privacyMarkdown());
  });
});

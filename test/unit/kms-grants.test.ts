/**
 * README § Encryption: serverless.yml grants the field key to the functions that need it and to no
 * others, each only the half it uses — sealing takes a data key (kms:GenerateDataKey), opening
 * unwraps one (kms:Decrypt). What a function uses is read from its own bundle: esbuild follows the
 * handler's imports and drops what nothing calls, so `seal` / `open` of functions/lib/field-crypto
 * are in a function's bundle exactly when its handler can reach them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { parse } from 'yaml';
import { functionDefinitions, ROOT } from '../../infra/local/serverless-config';

const intrinsic = (tag: string, collection?: 'seq') => ({ tag, ...(collection ? { collection } : {}), resolve: (value: unknown) => ({ [tag]: value }) });
const yml: any = parse(readFileSync(join(ROOT, 'serverless.yml'), 'utf8'), {
  customTags: [intrinsic('!GetAtt'), intrinsic('!Ref'), intrinsic('!Sub'), intrinsic('!Join', 'seq'), intrinsic('!Select', 'seq'), intrinsic('!Split', 'seq')] as never,
});

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** The KMS actions a role grants, and on what. */
function kmsGrants(roleName: string | undefined): { actions: string[]; resources: unknown[] } {
  const role = roleName ? yml.resources.Resources[roleName] : undefined;
  const statements: Statement[] = (role?.Properties?.Policies ?? []).flatMap((p: { PolicyDocument: { Statement: Statement[] } }) => p.PolicyDocument.Statement);
  const kms = statements.filter((s) => s.Effect === 'Allow' && [s.Action].flat().some((a) => String(a).startsWith('kms:')));
  return { actions: [...new Set(kms.flatMap((s) => [s.Action].flat()))].sort(), resources: kms.map((s) => s.Resource) };
}

/** Each function's field-crypto use, from its tree-shaken bundle (all functions in one esbuild run, ~3 s). */
async function cryptoUse(): Promise<Map<string, { seals: boolean; opens: boolean }>> {
  const functions = functionDefinitions();
  const { outputFiles } = await build({
    entryPoints: Object.fromEntries(functions.map((f) => [f.name, join(ROOT, f.entry)])),
    bundle: true,
    write: false,
    outdir: '/tmp/kms-grants-bundles',
    platform: 'node',
    format: 'esm',
    // Only our own code decides what reaches field-crypto: dependencies stay out (and the build fast).
    packages: 'external',
    minify: false,
    treeShaking: true,
    logLevel: 'silent',
  });
  const use = new Map<string, { seals: boolean; opens: boolean }>();
  for (const file of outputFiles) {
    const name = file.path.split('/').pop()!.replace(/\.js$/, '');
    use.set(name, {
      seals: /async function seal\d*\(plaintext, field\)/.test(file.text),
      opens: /async function open\d*\(sealed, field\)/.test(file.text),
    });
  }
  return use;
}

const expectedActions = ({ seals, opens }: { seals: boolean; opens: boolean }) => [...(seals ? ['kms:GenerateDataKey'] : []), ...(opens ? ['kms:Decrypt'] : [])].sort();

describe('serverless.yml grants the field key by what each function does with it', () => {
  let use: Map<string, { seals: boolean; opens: boolean }>;
  beforeAll(async () => {
    use = await cryptoUse();
  }, 60_000);

  it('finds the sealing and the opening functions at all (the bundle check still sees field-crypto)', () => {
    const all = [...use.values()];
    expect(all.filter((u) => u.seals).length).toBeGreaterThan(0);
    expect(all.filter((u) => u.opens).length).toBeGreaterThan(0);
    expect(use.size).toBe(functionDefinitions().length);
  });

  it('gives every function exactly the KMS actions its handler reaches: GenerateDataKey to seal, Decrypt to open, none otherwise', () => {
    const functions = yml.functions as Record<string, { role?: string }>;
    const mismatches = Object.entries(functions).flatMap(([name, fn]) => {
      const granted = kmsGrants(fn.role).actions;
      const needed = expectedActions(use.get(name)!);
      return JSON.stringify(granted) === JSON.stringify(needed) ? [] : [`${name} (${fn.role}): grants [${granted.join(', ')}], uses [${needed.join(', ')}]`];
    });
    expect(mismatches).toEqual([]);
  });

  it('matches the reviewed table of who seals and who opens (a change here is a change to review)', () => {
    const users = Object.fromEntries([...use].filter(([, u]) => u.seals || u.opens).map(([name, u]) => [name, u.seals && u.opens ? 'seal+open' : u.seals ? 'seal' : 'open']));
    expect(users).toEqual({
      staffPhoneVisit: 'seal',
      mePhoneBind: 'seal',
      meProfile: 'open',
      mePreferences: 'open',
      meSubscriptions: 'open',
      meProfileUpdate: 'seal+open',
      meExport: 'seal+open',
      jobSealPersonalData: 'seal+open',
    });
  });

  it('grants KMS on the field key only, and nothing at the provider level', () => {
    for (const roleName of Object.keys(yml.resources.Resources)) {
      for (const resource of kmsGrants(roleName).resources) expect(resource).toEqual({ '!GetAtt': 'FieldKey.Arn' });
    }
    expect(JSON.stringify(yml.provider.iam ?? {})).not.toContain('kms:');
  });
});

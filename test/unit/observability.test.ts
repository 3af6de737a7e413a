/**
 * README § Seeing it in production, without deploying: serverless.yml declares the alarms, the
 * jobs' on-failure queue, tracing, the Powertools layer and the API's throttling; the layer's
 * version is the one package.json installs (and the bundles leave out); ids are hashed in logs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { hashId, hashKey, logger } from '../../functions/lib/log';
import { functionDefinitions, ROOT } from '../../infra/local/serverless-config';

const intrinsic = (tag: string, collection?: 'seq') => ({ tag, ...(collection ? { collection } : {}), resolve: (value: unknown) => ({ [tag]: value }) });
const yml: any = parse(readFileSync(join(ROOT, 'serverless.yml'), 'utf8'), {
  customTags: [intrinsic('!GetAtt'), intrinsic('!Ref'), intrinsic('!Sub'), intrinsic('!Join', 'seq'), intrinsic('!Select', 'seq'), intrinsic('!Split', 'seq')] as never,
});
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const resources = yml.resources.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
const alarms = Object.values(resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm');
const mentions = (alarm: unknown, text: string) => JSON.stringify(alarm).includes(text);
/** osls's logical id of a function's resource. */
const logicalId = (name: string) => `${name[0]!.toUpperCase()}${name.slice(1)}LambdaFunction`;

describe('serverless.yml: seeing it in production', () => {
  it('alarms on the 5xx rate, table throttles, job failures and dead letters, all to the alarm topic', () => {
    expect(alarms.some((a) => mentions(a, '"MetricName":"5xx"') && mentions(a, '"MetricName":"Count"'))).toBe(true);
    expect(alarms.some((a) => mentions(a, 'ReadThrottleEvents') && mentions(a, 'WriteThrottleEvents'))).toBe(true);
    expect(alarms.some((a) => mentions(a, 'ApproximateNumberOfMessagesVisible') && mentions(a, 'JobsDeadLetterQueue'))).toBe(true);
    const scheduled = functionDefinitions().filter((f) => f.schedules.length > 0);
    expect(scheduled.length).toBeGreaterThanOrEqual(4);
    const jobAlarm = alarms.find((a) => mentions(a, '"MetricName":"Errors"') && mentions(a, 'AWS/Lambda'));
    for (const job of scheduled) expect(mentions(jobAlarm, logicalId(job.name))).toBe(true);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ '!Ref': 'AlarmTopic' }]);
  });

  it('alarms on the p99 duration of every hot route', () => {
    const byRoute = new Map<string, string>(functionDefinitions().flatMap((f) => f.routes.map((r) => [`${r.method} ${r.path}`, f.name] as [string, string])));
    const hot = ['GET /v1/me/card', 'POST /v1/staff/visits', 'POST /v1/staff/visits/{visitId}/checkout', 'POST /v1/coupons/templates/{templateId}/claim', 'POST /v1/bookings'];
    for (const route of hot) {
      const fn = byRoute.get(route);
      expect(fn).toBeDefined();
      expect(alarms.some((a) => a.Properties.ExtendedStatistic === 'p99' && mentions(a, logicalId(fn!)))).toBe(true);
    }
  });

  it('sends every scheduled job’s failed runs to the dead-letter queue, which the jobs’ role may write to', () => {
    for (const job of functionDefinitions().filter((f) => f.schedules.length > 0)) {
      expect(yml.functions[job.name].destinations).toBe('${self:custom.jobDestinations}');
    }
    expect(yml.custom.jobDestinations.onFailure).toEqual({ type: 'sqs', arn: { '!GetAtt': 'JobsDeadLetterQueue.Arn' } });
    expect(resources.JobsDeadLetterQueue!.Type).toBe('AWS::SQS::Queue');
    expect(mentions(resources.ApiWriterRole, 'sqs:SendMessage')).toBe(true);
  });

  it('traces every function, throttles the API by default, and takes Powertools from the layer of the installed version', () => {
    expect(yml.provider.tracing.lambda).toBe(true);
    expect(yml.custom.lambdaManagedPolicies).toContain('arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess');
    const stage = yml.resources.extensions.HttpApiStage.Properties.DefaultRouteSettings;
    expect(stage).toMatchObject({ ThrottlingRateLimit: '${param:apiRateLimit}', ThrottlingBurstLimit: '${param:apiBurstLimit}' });
    expect(Number(yml.params.default.apiRateLimit)).toBeGreaterThan(0);

    const powertools = Object.keys(pkg.dependencies).filter((name) => name.startsWith('@aws-lambda-powertools/'));
    expect(powertools.sort()).toEqual(['@aws-lambda-powertools/logger', '@aws-lambda-powertools/metrics', '@aws-lambda-powertools/tracer']);
    const versions = new Set(powertools.map((name) => pkg.dependencies[name]));
    expect(versions.size).toBe(1);
    expect(yml.resources.Parameters.PowertoolsLayerArn.Default).toBe(`/aws/service/powertools/typescript/generic/all/${[...versions][0]}`);
    expect(yml.provider.layers).toEqual([{ Ref: 'PowertoolsLayerArn' }]);
    // Left out of the bundles: Powertools (the layer) and KMS (the Node.js runtime's own SDK).
    expect([...yml.custom.esbuild.exclude].sort()).toEqual([...powertools, '@aws-sdk/client-kms'].sort());
  });
});

describe('ids in logs', () => {
  it('hashes an id deterministically, to a form that hashing again keeps', () => {
    const id = 'mem_0abc12345def0123456789abcdef';
    expect(hashId(id)).toMatch(/^h:[0-9a-f]{16}$/);
    expect(hashId(id)).toBe(hashId(id));
    expect(hashId(id)).not.toBe(hashId(`${id}x`));
    expect(hashId(hashId(id))).toBe(hashId(id));
    expect(hashKey(`MEMBER#${id}`)).toBe(`MEMBER#${hashId(id)}`);
  });

  it('drops phone, name and birthday fields and hashes member and staff ids whatever a caller passes', () => {
    const lines: string[] = [];
    const spy = jest.spyOn(console, 'warn').mockImplementation((line: string) => void lines.push(line));
    try {
      logger.warn('careless', {
        memberId: 'mem_1',
        staffId: 'stf_2',
        phone: '13800001234',
        nickname: '小林',
        birthday: '1990-05-17',
        detail: { openid: 'o-abc', name: '林' },
      });
    } finally {
      spy.mockRestore();
    }
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({ message: 'careless', memberId: hashId('mem_1'), staffId: hashId('stf_2'), detail: {} });
    for (const value of ['13800001234', '小林', '1990-05-17', 'o-abc', 'mem_1', 'stf_2', '"林"']) expect(lines[0]).not.toContain(value);
  });
});

/**
 * The local API (infra/local/api-server.ts) runs the handlers with serverless.yml's own provider
 * environment and timeout, resolved for the stage, not with a hand-kept copy of them.
 */
import { functionTimeoutSeconds, providerEnvironment } from '../../infra/local/serverless-config';

describe('the local API gets the environment serverless.yml declares', () => {
  it('resolves every variable of the local stage, params over defaults, env over fallbacks', () => {
    const env = providerEnvironment('local', { WECHAT_API_BASE: 'http://127.0.0.1:9999' });
    for (const [name, value] of Object.entries(env)) expect(`${name}=${value}`).not.toContain('${');
    expect(env).toMatchObject({
      STAGE: 'local',
      TABLE_NAME: 'tongka-local',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
      WECHAT_API_BASE: 'http://127.0.0.1:9999',
      TONGKA_KMS_KEY_ID: '',
      POWERTOOLS_TRACE_ENABLED: 'false',
    });
  });

  it('resolves a deployed stage the same way', () => {
    const env = providerEnvironment('prod', {});
    expect(env).toMatchObject({
      STAGE: 'prod',
      TABLE_NAME: 'tongka-prod',
      TONGKA_KMS_KEY_ID: 'alias/tongka-prod-fields',
      DYNAMODB_ENDPOINT: '',
      POWERTOOLS_TRACE_ENABLED: 'true',
    });
  });

  it('gives functions 30 s locally (one process on a laptop) and 10 s in AWS', () => {
    expect(functionTimeoutSeconds('local')).toBe(30);
    expect(functionTimeoutSeconds('prod')).toBe(10);
  });
});

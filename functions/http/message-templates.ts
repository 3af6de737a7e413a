import { config } from '../lib/config';
import { api, ok } from '../lib/http';

/** GET /v1/subscriptions/templates — which template ids the app asks the member to accept, per purpose. */
export const handler = api(async () => ok(config.messageTemplates));

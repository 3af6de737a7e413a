import { NotFoundError } from '../lib/errors';
import { api } from '../lib/http';

/** Every unknown route gets the one error shape, not API Gateway's bare message. */
export const handler = api(async (req) => {
  const { method, path } = req.event.requestContext.http;
  throw new NotFoundError('route_not_found', `No such route: ${method} ${path}`);
});

import { routes } from '../../shared/contract/routes';
import { login } from '../domain/auth';
import { code2Session } from '../wechat/client';
import { handle } from './route';

/** Exchange a wx.login code for our session token (routes.authWechat). */
export const handler = handle(routes.authWechat, async ({ body }) => login(await code2Session(body.code)));

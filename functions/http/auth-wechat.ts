import { memberRoutes } from '../../shared/contract/routes/member';
import { login } from '../domain/auth';
import { code2Session } from '../wechat/client';
import { handle } from './route';

/** Exchange a wx.login code for our session token (memberRoutes.authWechat). */
export const handler = handle(memberRoutes.authWechat, async ({ body }) => login(await code2Session(body.code)));

import { WechatLoginRequest } from '../../shared/schemas/auth';
import { login } from '../domain/auth';
import { api, ok } from '../lib/http';
import { code2Session } from '../wechat/client';

/** POST /v1/auth/wechat — exchange a wx.login code for our session token. */
export const handler = api(async (req) => {
  const { code } = req.body(WechatLoginRequest);
  const identity = await code2Session(code);
  return ok(await login(identity));
});

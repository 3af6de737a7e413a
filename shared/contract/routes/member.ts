/** Sign-in, the card, the ledger and the stores (and the local stage's demo accounts). One declaration per route (README § API). */
import { DevAccountsResponse, LoginResponse, WechatLoginRequest } from '../../schemas/auth';
import { CardResponse, LedgerQuery, LedgerResponse, MemberCodeResponse } from '../../schemas/member';
import { StoresResponse } from '../../schemas/stores';
import { defineRoute } from '../define';

export const memberRoutes = {
  authWechat: defineRoute({
    method: 'POST',
    path: '/v1/auth/wechat',
    tag: 'auth',
    summary: 'Exchange a wx.login code for a session token',
    description: 'The server calls WeChat code2Session; WeChat’s session_key never leaves it. A first login registers the member (and issues the welcome coupon).',
    access: 'public',
    body: WechatLoginRequest,
    response: LoginResponse,
    errors: ['invalid_wechat_code', 'wechat_unavailable', 'wechat_rate_limited', 'wechat_login_failed'],
  }),
  meCard: defineRoute({
    method: 'GET',
    path: '/v1/me/card',
    tag: 'member',
    summary: 'The one card: tier, points, progress to the next tier, usable coupons, next booking',
    access: 'member',
    response: CardResponse,
    errors: ['member_not_found'],
  }),
  meCode: defineRoute({
    method: 'GET',
    path: '/v1/me/code',
    tag: 'member',
    summary: 'The rotating, server-signed member code staff scan at the counter',
    description: 'A first login’s member gets none before agreeing to the privacy notice (403 consent_required).',
    access: 'member',
    response: MemberCodeResponse,
    errors: ['member_not_found', 'consent_required'],
  }),
  meLedger: defineRoute({
    method: 'GET',
    path: '/v1/me/ledger',
    tag: 'member',
    summary: 'The member’s own points history, newest first, paged by cursor',
    access: 'member',
    query: LedgerQuery,
    response: LedgerResponse,
  }),
  storesList: defineRoute({
    method: 'GET',
    path: '/v1/stores',
    tag: 'member',
    summary: 'Every store of the chain (shown before sign-in too)',
    access: 'public',
    response: StoresResponse,
  }),
  devAccounts: defineRoute({
    method: 'GET',
    path: '/v1/dev/accounts',
    tag: 'dev',
    summary: 'The demo chain’s accounts (the local stage only; 404 elsewhere)',
    access: 'public',
    response: DevAccountsResponse,
    errors: ['route_not_found'],
  }),
};

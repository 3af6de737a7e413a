/**
 * @jest-environment ./test/weapp/support/simulate-environment.ts
 */
/**
 * The card page as WeChat would run it: the built miniapp/dist/weapp (app.js, the shared chunks,
 * pages/card/index.{js,json,wxml,wxss}, WXML compiled by WeChat's own wcc) rendered by
 * miniprogram-simulate in jsdom, its wx.request calls answered by the real API handlers over HTTP
 * against DynamoDB Local with the demo chain seeded.
 */
import { api, seed, startTestStack, type TestStack } from '../support/stack';
import { bootMiniProgram, type MiniProgram, type SimulatedPage } from './support/mini-program';

/** miniapp/src/api/session.ts keeps the session under this key, as { token, expiresAt, staff }. */
const SESSION_KEY = 'tongka.session';

let stack: TestStack;
let client: ReturnType<typeof api>;
let mp: MiniProgram;
let token: string;
let session: { token: string; expiresAt: string; staff: null };

beforeAll(async () => {
  stack = await startTestStack();
  await seed(stack);
  client = api(stack);
  const login = await client.post('/v1/auth/wechat', { body: { code: 'dev-demo-member-wang' } });
  expect(login.status).toBe(200);
  token = login.body.token;
  session = { token, expiresAt: login.body.expiresAt, staff: login.body.staff };
  mp = await bootMiniProgram({ apiUrl: stack.api.url });
});
afterAll(() => stack?.stop());

let page: SimulatedPage | undefined;
beforeEach(() => {
  mp.storage.clear();
  mp.requests.length = 0;
  mp.navigations.length = 0;
});
afterEach(() => {
  page?.close();
  page = undefined;
});

const textOf = (selector: string) => page?.find(selector)?.text ?? null;

describe('the card page of the WeChat build', () => {
  it("shows the signed-in member's nickname, tier, points and a live 16-digit code from the API", async () => {
    mp.storage.set(SESSION_KEY, session);
    page = await mp.open('pages/card/index');
    await mp.waitFor(page, () => textOf('.tk-nickname') !== null && textOf('.tk-digits') !== null);

    const card = await client.get('/v1/me/card', { token });
    expect(card.status).toBe(200);
    expect(textOf('.tk-nickname')).toBe('王小美');
    expect(textOf('.tk-tier')).toContain('银卡');
    expect(textOf('.tk-points')).toBe(String(card.body.points));
    expect(card.body.points).toBeGreaterThan(0);

    const digits = textOf('.tk-digits') ?? '';
    expect(digits).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    // The QR image is drawn in the app (a GIF data URL), bound to <image src> by the page's WXML.
    expect(page.find('.tk-qr-image')?.attrs.src).toMatch(/^data:image\/gif;base64,/);

    // The digits on screen are a live code for this member: the counter can open a visit with them.
    const clerk = await client.post('/v1/auth/wechat', { body: { code: 'dev-demo-clerk-jingan' } });
    const visit = await client.post('/v1/staff/visits', { token: clerk.body.token, body: { code: digits.replace(/ /g, '') } });
    expect(visit.status).toBe(201);
    expect(visit.body.member).toMatchObject({ nickname: '王小美', memberNo: card.body.memberNo });

    // The app asked the compiled API base for the card and the code (with the stored token), for
    // the subscribe template ids (public), ready for a tap on 生日礼遇与优惠提醒, and — once per member
    // on a device — for the usable coupons, to tell a new member that the 新人礼 has arrived.
    await mp.waitFor(page, () => mp.requests.some((r) => r.url.includes('/v1/me/coupons')));
    expect(mp.requests.map((r) => `${r.method} ${new URL(r.url).pathname} ${r.statusCode}`).sort()).toEqual([
      'GET /v1/me/card 200',
      'GET /v1/me/code 200',
      'GET /v1/me/coupons 200',
      'GET /v1/subscriptions/templates 200',
    ]);
    for (const request of mp.requests.filter((r) => r.url.includes('/v1/me/'))) expect(request.header.Authorization).toBe(`Bearer ${token}`);
  });

  it('goes to the ledger tab when 积分明细 is tapped (bindtap → Taro event → Taro.switchTab)', async () => {
    mp.storage.set(SESSION_KEY, session);
    page = await mp.open('pages/card/index');
    await mp.waitFor(page, () => textOf('.tk-nickname') !== null);
    await page.tap('.tk-ledger-entry');
    await mp.waitFor(page, () => mp.navigations.length > 0);
    expect(mp.navigations).toEqual([{ api: 'switchTab', url: '/pages/ledger/index' }]);
  });

  it('asks WeChat’s subscribe prompt for the birthday and comeback templates on a tap, and tells the API what was accepted', async () => {
    mp.storage.set(SESSION_KEY, session);
    page = await mp.open('pages/card/index');
    await mp.waitFor(page, () => mp.requests.some((r) => r.url.endsWith('/v1/subscriptions/templates') && r.statusCode === 200));
    const before = (await client.get('/v1/me/profile', { token })).body.subscriptions;
    mp.subscribeAnswers['tmpl-birthday-gift'] = 'accept';
    mp.subscribeAnswers['tmpl-comeback-offer'] = 'reject';

    await page.tap('.tk-subscribe-entry');
    await mp.waitFor(page, () => mp.toasts.length > 0);
    expect(mp.subscribePrompts).toEqual([['tmpl-birthday-gift', 'tmpl-comeback-offer']]);
    const posted = mp.requests.find((r) => r.method === 'POST');
    expect(posted && new URL(posted.url).pathname).toBe('/v1/me/subscriptions');
    expect(mp.toasts).toEqual(['订阅成功']);
    // One credit for the accepted template, none for the refused one.
    expect((await client.get('/v1/me/profile', { token })).body.subscriptions).toEqual({ ...before, birthday: before.birthday + 1 });
  });

  it('sends a visitor without a session to the login page, and asks the API nothing', async () => {
    page = await mp.open('pages/card/index');
    await mp.waitFor(page, () => mp.navigations.length > 0);
    expect(mp.navigations).toEqual([{ api: 'reLaunch', url: '/pages/login/index' }]);
    expect(mp.requests).toEqual([]);
  });
});

/** The demo chain's content: 沪上茶点 (a Shanghai tea-and-bakery chain). */
import type { OpeningHours } from '../../shared/schemas/stores';
import type { StaffRecord, StoreRecord } from '../../functions/store/records';

const everyDay = (open: string, close: string, weekendClose = close): OpeningHours[] =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open, close: weekday >= 6 ? weekendClose : close }));

export const demoStores: StoreRecord[] = [
  {
    storeId: 'jingan',
    name: '沪上茶点·静安寺店',
    city: '上海市',
    district: '静安区',
    address: '南京西路1618号久光百货B1',
    phone: '021-62881618',
    openingHours: everyDay('10:00', '22:00'),
  },
  {
    storeId: 'xuhui',
    name: '沪上茶点·徐家汇店',
    city: '上海市',
    district: '徐汇区',
    address: '虹桥路1号港汇恒隆广场L2',
    phone: '021-64071111',
    openingHours: everyDay('10:00', '21:30', '22:00'),
  },
  {
    storeId: 'pudong',
    name: '沪上茶点·陆家嘴店',
    city: '上海市',
    district: '浦东新区',
    address: '世纪大道8号国金中心商场LG1',
    phone: '021-50121888',
    openingHours: everyDay('09:30', '21:00', '22:00'),
  },
];

const staff = (openid: string, name: string, role: StaffRecord['role'], storeId: string | null): StaffRecord => ({
  staffId: `stf-${openid}`,
  openid,
  name,
  role,
  storeId,
  disabled: false,
});

export const demoStaff: StaffRecord[] = [
  staff('demo-clerk-jingan', '赵敏（静安寺店员）', 'clerk', 'jingan'),
  staff('demo-manager-jingan', '孙立（静安寺店长）', 'manager', 'jingan'),
  staff('demo-clerk-xuhui', '周杰（徐家汇店员）', 'clerk', 'xuhui'),
  staff('demo-manager-xuhui', '吴芳（徐家汇店长）', 'manager', 'xuhui'),
  staff('demo-clerk-pudong', '郑凯（陆家嘴店员）', 'clerk', 'pudong'),
  staff('demo-manager-pudong', '冯婷（陆家嘴店长）', 'manager', 'pudong'),
  staff('demo-hq-admin', '陈总（总部运营）', 'hq', null),
];

export interface DemoPurchase {
  storeId: string;
  daysAgo: number;
  amountFen: number;
  redeemPoints?: number;
}

export interface DemoMember {
  /** Absent: a walk-in the counter registered by phone (报手机号积分), never signed in to the mini-program. */
  openid?: string;
  nickname: string;
  phone: string;
  joinedDaysAgo: number;
  purchases: DemoPurchase[];
}

/**
 * A member and the bills they ran up, replayed through the real checkout: one bill per `·`, as
 * store, days ago, amount in fen and, if any, points redeemed.
 */
function member(who: Omit<DemoMember, 'purchases'>, bills: string): DemoMember {
  const purchases = bills
    .split('·')
    .map((bill) => bill.trim().split(/\s+/))
    .map(([storeId, daysAgo, amountFen, redeemPoints]) => ({
      storeId: storeId!,
      daysAgo: Number(daysAgo),
      amountFen: Number(amountFen),
      ...(redeemPoints ? { redeemPoints: Number(redeemPoints) } : {}),
    }));
  return { ...who, purchases };
}

export const demoMembers: DemoMember[] = [
  // A regular across all three stores, close to 金卡.
  member(
    { openid: 'demo-member-wang', nickname: '王小美', phone: '13812345678', joinedDaysAgo: 300 },
    'jingan 290 36800 · jingan 240 32000 · xuhui 200 28800 · pudong 150 21600 · jingan 90 36600 500 · xuhui 40 29900 · pudong 12 28800 · jingan 3 23800',
  ),
  // A big spender in Pudong: VIP.
  member(
    { openid: 'demo-member-li', nickname: '李娜', phone: '13987654321', joinedDaysAgo: 420 },
    'pudong 400 120000 · pudong 330 180000 · pudong 210 160000 · jingan 120 150000 2000 · pudong 60 260000 · xuhui 7 98000',
  ),
  // New this month, one visit.
  member({ openid: 'demo-member-zhang', nickname: '张伟', phone: '13700001111', joinedDaysAgo: 9 }, 'xuhui 9 8800'),
  // Has not been back for half a year: the bill 180 days ago makes her dormant today (the reactivation job's demo).
  member({ openid: 'demo-member-chen', nickname: '陈静', phone: '13600002222', joinedDaysAgo: 380 }, 'jingan 370 45000 · jingan 180 32000'),
];

/**
 * The same person twice (README § One identity per person): 周晓 earned points at the counter by
 * phone for months before she opened the mini-program, where her new card has not bound a phone yet.
 * Sign in as 周晓 and tap 绑定手机号 (on H5 the stand-in asks for the number: 13500003333): the
 * walk-in card is merged into hers, points and history included.
 */
export const demoWalkIn: DemoMember = member({ nickname: '周晓', phone: '13500003333', joinedDaysAgo: 200 }, 'xuhui 190 26800 · xuhui 120 31800 · jingan 45 18800');
export const demoUnboundMember: DemoMember = member({ openid: 'demo-member-zhou', nickname: '周晓', phone: '', joinedDaysAgo: 6 }, 'pudong 5 6600');

/**
 * One open invite (README § Staff accounts): a clerk for 静安寺, by HQ. Sign in as any new WeChat
 * account and redeem TEAM2345 under 加入门店. `npm start` reopens it for another 24 hours each time.
 */
export const demoInvite = { code: 'TEAM2345', name: '李娜（静安寺新店员）', role: 'clerk', storeId: 'jingan', createdBy: 'stf-demo-hq-admin' } as const;

/**
 * Pages: the three tab pages and login in the main package; the counter (staff) pages in the
 * `staff` subpackage, which members never download.
 */
export default defineAppConfig({
  // 个人信息保护政策 sits with login: it is shown before the card, so it cannot wait for a subpackage.
  pages: ['pages/card/index', 'pages/ledger/index', 'pages/stores/index', 'pages/login/index', 'pages/privacy/index'],
  subPackages: [
    {
      root: 'staff',
      // 今日预约 (every clerk), 门店排班 and 收银记录 (managers and HQ) sit with the counter pages.
      pages: ['scan/index', 'member/index', 'result/index', 'bookings/index', 'schedule/index', 'checkouts/index'],
    },
    // 预约 (also 改约) and 我的预约: fetched the first time a member opens them.
    { root: 'booking', pages: ['book/index', 'mine/index'] },
    // 领券中心 and 我的优惠券: fetched the first time a member opens them.
    { root: 'coupons', pages: ['center/index', 'mine/index'] },
    // 我的资料与隐私: birthday, the two one-tap switches, subscriptions; 加入门店 (an invite code); 访问记录.
    { root: 'me', pages: ['settings/index', 'join/index', 'access-log/index', 'export/index', 'deletion/index', 'rate/index', 'ratings/index'] },
    // 券模板管理, 员工管理, 审计日志 and 数据看板 (with its chart library) for managers and HQ, 重复会员 and 营销活动 for HQ: members never download it.
    {
      root: 'admin',
      pages: [
        'templates/index',
        'template-new/index',
        'campaigns/index',
        'rule-new/index',
        'staff/index',
        'audit/index',
        'duplicates/index',
        'follow-ups/index',
        'dashboard/index',
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1f2a44',
    navigationBarTitleText: '通卡',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f8',
  },
  tabBar: {
    color: '#8a8f99',
    selectedColor: '#c8102e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    // Icons drawn by assets/tab/draw-icons.mjs (81 × 81 PNG): grey, and brand red when selected.
    list: [
      { pagePath: 'pages/card/index', text: '会员卡', iconPath: 'assets/tab/card.png', selectedIconPath: 'assets/tab/card-active.png' },
      { pagePath: 'pages/ledger/index', text: '积分明细', iconPath: 'assets/tab/ledger.png', selectedIconPath: 'assets/tab/ledger-active.png' },
      { pagePath: 'pages/stores/index', text: '门店', iconPath: 'assets/tab/stores.png', selectedIconPath: 'assets/tab/stores-active.png' },
    ],
  },
});

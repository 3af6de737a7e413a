/**
 * Pages: the three tab pages and login in the main package; the counter (staff) pages in the
 * `staff` subpackage, which members never download.
 */
export default defineAppConfig({
  pages: ['pages/card/index', 'pages/ledger/index', 'pages/stores/index', 'pages/login/index'],
  subPackages: [
    {
      root: 'staff',
      pages: ['scan/index', 'member/index', 'result/index'],
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
    list: [
      { pagePath: 'pages/card/index', text: '会员卡' },
      { pagePath: 'pages/ledger/index', text: '积分明细' },
      { pagePath: 'pages/stores/index', text: '门店' },
    ],
  },
});

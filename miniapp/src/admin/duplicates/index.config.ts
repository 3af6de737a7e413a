export default definePageConfig({ navigationBarTitleText: '重复会员', enablePullDownRefresh: true });

export default definePageConfig({ navigationBarTitleText: '会员收银' });

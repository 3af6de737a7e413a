export default definePageConfig({ navigationBarTitleText: '收银完成' });

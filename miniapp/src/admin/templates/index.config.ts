export default definePageConfig({ navigationBarTitleText: '券模板管理' });

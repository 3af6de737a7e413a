export default definePageConfig({ navigationBarTitleText: '新建跨店规则' });

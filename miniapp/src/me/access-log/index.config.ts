export default definePageConfig({ navigationBarTitleText: '访问记录', enablePullDownRefresh: true });

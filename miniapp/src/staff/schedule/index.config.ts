export default definePageConfig({ navigationBarTitleText: '营业时间与预约设置' });

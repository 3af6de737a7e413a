import { View } from '@tarojs/components';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loading } from '../../components/Loading';
import { useLoad } from '../../lib/use-load';
import { PrivacyNoticeText } from './PrivacyNotice';
import { loadNotice } from './notice';

/** 个人信息保护政策 (from 我的资料与隐私): the notice in force, to read again at any time. */
export default function PrivacyPage() {
  const notice = useLoad(() => loadNotice(), [], { reloadOnShow: false });
  return (
    <View className="tk-page tk-privacy-page">
      {notice.data ? (
        <PrivacyNoticeText notice={notice.data} />
      ) : notice.error ? (
        <ErrorBlock message={`加载失败：${notice.error}`} onRetry={() => void notice.reload()} />
      ) : (
        <Loading />
      )}
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import { ErrorBlock } from '../../components/ErrorBlock';
import { MemberPage } from '../../components/MemberPage';
import { Button } from '../../components/ui';
import { exportFileName, exportSummary } from './export-summary';
import { savesWechatFile, useExport } from './use-export';
import './index.scss';

/**
 * 导出我的数据 (PIPL art. 45): a copy of everything the chain keeps about the member, as a JSON file
 * (schema in docs/API.md), with a readable summary of what it holds.
 */
export default function ExportPage() {
  return <MemberPage className="tk-export-page">{() => <Export />}</MemberPage>;
}

function Export() {
  const model = useExport();
  const { doc } = model;
  return (
    <>
      <View className="tk-export-intro">
        <Text className="tk-export-intro-text">
          生成一份您在本店会员体系中的全部数据副本：资料、手机号、生日、隐私同意、积分明细、消费记录（金额和门店）、优惠券、预约、到店、门店看到的分组和标签、访问记录、订阅消息。
        </Text>
        <Text className="tk-export-intro-text tk-export-limit">文件为 JSON 格式，每天最多生成 3 次。</Text>
      </View>

      <View className="tk-form-actions">
        <Button className="tk-export-generate tk-tap" type="primary" block disabled={model.busy} onClick={() => void model.generate()}>
          {model.busy ? '正在生成…' : doc ? '重新生成我的数据副本' : '生成我的数据副本'}
        </Button>
      </View>
      {model.error ? <ErrorBlock message={model.error.message} onRetry={model.error.retryable ? model.retry : undefined} /> : null}

      {doc ? (
        <View className="tk-export-result">
          <Text className="tk-section-title">数据副本内容</Text>
          <View className="tk-export-summary">
            {exportSummary(doc).map((line) => (
              <View key={line.key} className={`tk-export-line tk-export-${line.key}`}>
                <Text className="tk-export-label">{line.label}</Text>
                <Text className="tk-export-value">{line.value}</Text>
              </View>
            ))}
          </View>
          <Text className="tk-export-file">
            {exportFileName(doc)}
            {savesWechatFile ? (model.filePath ? ' 已保存，可转发给好友或文件传输助手。' : '') : ' 已开始下载。'}
          </Text>
          {model.fileError ? <ErrorBlock message={model.fileError} onRetry={() => void model.saveAgain()} /> : null}
          {savesWechatFile ? (
            <Button className="tk-export-share tk-tap" type="primary" fill="outline" block disabled={!model.filePath} onClick={() => void model.share()}>
              发送文件（转发给好友/文件传输助手）
            </Button>
          ) : (
            <Button className="tk-export-download tk-tap" fill="outline" block onClick={() => void model.saveAgain()}>
              再次下载文件
            </Button>
          )}
        </View>
      ) : null}
    </>
  );
}

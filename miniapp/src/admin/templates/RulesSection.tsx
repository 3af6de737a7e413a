import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CouponTemplate, IssueRule, IssueRulesResponse, TemplateStatus } from '../../../../shared/api';
import { Loadable } from '../../components/Loadable';
import { Button } from '../../components/ui';
import type { Load } from '../../lib/use-load';
import { ruleSentence } from '../rule-text';

const NEW_RULE_PAGE = '/admin/rule-new/index';

const RULE_KIND_LABELS: Record<IssueRule['kind'], string> = { welcome: '新人礼', cross_store: '跨店规则' };

/** A rule's template that cannot issue now: the rule stays, but bills earn nothing until it is active again. */
const TEMPLATE_IDLE: Partial<Record<TemplateStatus, string>> = { paused: '券已暂停，暂不发放', ended: '券已结束，不再发放' };

/** 发放规则: HQ stops and restarts them and adds cross-store ones; managers read them. */
export function RulesSection({
  isHq,
  rules,
  templates,
  storeName,
  onToggle,
  busy,
  runningId,
  failure,
}: {
  isHq: boolean;
  rules: Load<IssueRulesResponse>;
  templates: CouponTemplate[];
  storeName: (id: string) => string;
  onToggle: (rule: IssueRule) => void;
  /** A change is in flight (this page makes one at a time), and for which rule. */
  busy: boolean;
  runningId: string | null;
  /** The last change that failed: which rule, and why. */
  failure: { id: string; message: string } | null;
}) {
  return (
    <View className="tk-rules">
      <View className="tk-rules-head">
        <Text className="tk-rules-title">发放规则</Text>
        {isHq ? (
          <Button className="tk-new-rule tk-tap" type="primary" fill="outline" size="small" onClick={() => void Taro.navigateTo({ url: NEW_RULE_PAGE })}>
            新建跨店规则
          </Button>
        ) : null}
      </View>
      <Text className="tk-muted">{isHq ? '新人礼与跨店消费自动发券，可随时停用或重新启用' : '新人礼与跨店消费自动发券，由总部设置'}</Text>
      <Loadable state={rules} isEmpty={(res) => res.items.length === 0} empty={<Text className="tk-rules-empty tk-muted">还没有发放规则</Text>}>
        {(res) =>
          [...res.items]
            .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
            .map((r) => {
              const idle = TEMPLATE_IDLE[templates.find((t) => t.id === r.templateId)?.status ?? 'active'];
              const failed = failure?.id === r.id ? failure : null;
              return (
                <View key={r.id} className={`tk-rule tk-rule-${r.kind}${r.active ? '' : ' tk-rule-off'}`}>
                  <View className="tk-rule-head">
                    <Text className="tk-rule-kind">{RULE_KIND_LABELS[r.kind]}</Text>
                    <Text className={`tk-status tk-rule-state${r.active ? ' tk-status-success' : ''}`}>{r.active ? '进行中' : '已停用'}</Text>
                  </View>
                  <Text className="tk-rule-text">{ruleSentence(r, storeName)}</Text>
                  {r.active && idle ? <Text className="tk-rule-note">{idle}</Text> : null}
                  {failed ? <Text className="tk-error tk-rule-error">{failed.message}</Text> : null}
                  {isHq ? (
                    <View className="tk-rule-actions">
                      <Button
                        className="tk-rule-toggle tk-tap"
                        size="small"
                        type={r.active ? 'default' : 'primary'}
                        fill="outline"
                        disabled={busy}
                        onClick={() => onToggle(r)}
                      >
                        {runningId === r.id ? '保存中…' : r.active ? '停用' : '启用'}
                      </Button>
                    </View>
                  ) : null}
                </View>
              );
            })
        }
      </Loadable>
    </View>
  );
}

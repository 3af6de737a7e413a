import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { EmptyState } from '../../components/EmptyState';
import { Loadable } from '../../components/Loadable';
import { staffPage } from '../../lib/staff-gate';
import { DuplicateCard } from './DuplicateCard';
import { useDuplicates } from './use-duplicates';
import './index.scss';

/**
 * 重复会员 (HQ): the open cases of a phone bound to another WeChat member — the phone and when, whether
 * the member asked for help (申请人工处理, with their note), and the two members side by side. 合并
 * keeps the phone holder's card and moves the other one's points, coupons, bookings and bills into
 * it; 驳回 closes the case. A decided case leaves the list.
 */
export default staffPage('hq', 'tk-duplicates-page', Duplicates);

function Duplicates() {
  const model = useDuplicates();
  usePullDownRefresh(() => {
    void model.cases.reload().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <>
      <View className="tk-dup-page-head">
        <Text className="tk-dup-title">重复会员</Text>
        <Text className="tk-muted">会员绑定的手机号已属于另一位微信会员时在此处理，核实是同一人后合并</Text>
      </View>
      <Loadable state={model.cases} isEmpty={(items) => items.length === 0} empty={<EmptyState className="tk-dup-empty" title="没有待处理的重复会员" />}>
        {(items) => (
          <View className="tk-dup-list">
            {items.map((item) => (
              <DuplicateCard key={item.id} item={item} model={model} />
            ))}
          </View>
        )}
      </Loadable>
    </>
  );
}
